#include "text/legacy_encoding.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include "text/normalize.h"
#include "text/normalize_internal.h"
#include "text/vietnamese_syllable.h"

namespace sovang::text {
namespace {

using detail::AppendUtf8;
using detail::NextCodePoint;

// Text being decoded, one unit per element: a value below 0x100 is a byte of
// the legacy encoding; anything above is a code point passed through as is.
// Mojibake paths turn the code points of a wrongly decoded text back into
// the bytes they came from, and keep the ones that did not come from a byte.
using Units = std::u32string;

// ---------------------------------------------------------------------------
// CP1252, the code page the mojibake was made with.

constexpr char32_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 88
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 98
};  // 81, 8D, 8F, 90, 9D are undefined: decoders pass them as C1 controls

char32_t Cp1252Char(uint8_t b) { return (b >= 0x80 && b < 0xA0) ? kCp1252High[b - 0x80] : b; }

// The byte a CP1252 (or Latin-1) decoder turned into `c`, if any.
std::optional<uint8_t> Cp1252Byte(char32_t c) {
  if (c < 0x100) return static_cast<uint8_t>(c);  // Latin-1 and C1 controls
  for (int i = 0; i < 32; ++i)
    if (kCp1252High[i] == c) return static_cast<uint8_t>(0x80 + i);
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// TCVN 5712:1993 VN3 ("ABC", .VnTime). Bytes below 0x80 are ASCII; bytes not
// listed are decoded as CP1252 (the fonts were used on Windows).

struct ByteLetter {
  uint8_t byte;
  char32_t letter;
};

constexpr ByteLetter kTcvn3[] = {
    {0xA1, U'Ă'}, {0xA2, U'Â'}, {0xA3, U'Ê'}, {0xA4, U'Ô'}, {0xA5, U'Ơ'}, {0xA6, U'Ư'}, {0xA7, U'Đ'},
    {0xA8, U'ă'}, {0xA9, U'â'}, {0xAA, U'ê'}, {0xAB, U'ô'}, {0xAC, U'ơ'}, {0xAD, U'ư'}, {0xAE, U'đ'},
    {0xB5, U'à'}, {0xB6, U'ả'}, {0xB7, U'ã'}, {0xB8, U'á'}, {0xB9, U'ạ'},  // a
    {0xBB, U'ằ'}, {0xBC, U'ẳ'}, {0xBD, U'ẵ'}, {0xBE, U'ắ'}, {0xC6, U'ặ'},  // ă
    {0xC7, U'ầ'}, {0xC8, U'ẩ'}, {0xC9, U'ẫ'}, {0xCA, U'ấ'}, {0xCB, U'ậ'},  // â
    {0xCC, U'è'}, {0xCE, U'ẻ'}, {0xCF, U'ẽ'}, {0xD0, U'é'}, {0xD1, U'ẹ'},  // e
    {0xD2, U'ề'}, {0xD3, U'ể'}, {0xD4, U'ễ'}, {0xD5, U'ế'}, {0xD6, U'ệ'},  // ê
    {0xD7, U'ì'}, {0xD8, U'ỉ'}, {0xDC, U'ĩ'}, {0xDD, U'í'}, {0xDE, U'ị'},  // i
    {0xDF, U'ò'}, {0xE1, U'ỏ'}, {0xE2, U'õ'}, {0xE3, U'ó'}, {0xE4, U'ọ'},  // o
    {0xE5, U'ồ'}, {0xE6, U'ổ'}, {0xE7, U'ỗ'}, {0xE8, U'ố'}, {0xE9, U'ộ'},  // ô
    {0xEA, U'ờ'}, {0xEB, U'ở'}, {0xEC, U'ỡ'}, {0xED, U'ớ'}, {0xEE, U'ợ'},  // ơ
    {0xEF, U'ù'}, {0xF1, U'ủ'}, {0xF2, U'ũ'}, {0xF3, U'ú'}, {0xF4, U'ụ'},  // u
    {0xF5, U'ừ'}, {0xF6, U'ử'}, {0xF7, U'ữ'}, {0xF8, U'ứ'}, {0xF9, U'ự'},  // ư
    {0xFA, U'ỳ'}, {0xFB, U'ỷ'}, {0xFC, U'ỹ'}, {0xFD, U'ý'}, {0xFE, U'ỵ'},  // y
};

// ---------------------------------------------------------------------------
// VNI Windows: an ASCII vowel followed by a mark byte; ơ ư đ and the i's with
// tones (dotless glyphs) and ỵ are single bytes. Lower- and upper-case letters
// use different mark bytes. Tones are indexed 0..5 as in Tone (none, grave,
// hook, tilde, acute, dot below).

constexpr uint8_t kVniTone[2][6] = {{0, 0xF8, 0xFB, 0xF5, 0xF9, 0xEF}, {0, 0xD8, 0xDB, 0xD5, 0xD9, 0xCF}};
constexpr uint8_t kVniCircumflex[2][6] = {{0xE2, 0xE0, 0xE5, 0xE3, 0xE1, 0xE4}, {0xC2, 0xC0, 0xC5, 0xC3, 0xC1, 0xC4}};
constexpr uint8_t kVniBreve[2][6] = {{0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB}, {0xCA, 0xC8, 0xDA, 0xDC, 0xC9, 0xCB}};

constexpr ByteLetter kVniSingle[] = {
    {0xF4, U'ơ'}, {0xD4, U'Ơ'}, {0xF6, U'ư'}, {0xD6, U'Ư'}, {0xF1, U'đ'}, {0xD1, U'Đ'},
    {0xEC, U'ì'}, {0xED, U'í'}, {0xE6, U'ỉ'}, {0xF3, U'ĩ'}, {0xF2, U'ị'},  // i
    {0xCC, U'Ì'}, {0xCD, U'Í'}, {0xC6, U'Ỉ'}, {0xD3, U'Ĩ'}, {0xD2, U'Ị'},  // I
    {0xEE, U'ỵ'}, {0xCE, U'Ỵ'},
};

// Combining marks for tone indexes 1..5, and the quality marks.
constexpr char32_t kToneMark[6] = {0, 0x0300, 0x0309, 0x0303, 0x0301, 0x0323};
constexpr char32_t kCircumflex = 0x0302;
constexpr char32_t kBreve = 0x0306;

enum class Quality { kNone, kCircumflex, kBreve };

struct VniMark {
  Quality quality = Quality::kNone;
  int tone = 0;
  bool valid = false;
};

struct Tables {
  std::array<char32_t, 256> tcvn3{};  // 0: not a TCVN3 letter byte
  std::array<char32_t, 256> vni_single{};
  std::array<VniMark, 256> vni_mark{};
  Tables() {
    for (const auto& e : kTcvn3) tcvn3[e.byte] = e.letter;
    for (const auto& e : kVniSingle) vni_single[e.byte] = e.letter;
    for (int upper = 0; upper < 2; ++upper) {
      for (int t = 0; t < 6; ++t) {
        if (t > 0) vni_mark[kVniTone[upper][t]] = {Quality::kNone, t, true};
        vni_mark[kVniCircumflex[upper][t]] = {Quality::kCircumflex, t, true};
        vni_mark[kVniBreve[upper][t]] = {Quality::kBreve, t, true};
      }
    }
  }
};

const Tables& T() {
  static const Tables t;
  return t;
}

// ---------------------------------------------------------------------------
// Small helpers.

bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiUpper(char32_t c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char32_t c) { return c >= 'a' && c <= 'z'; }
char32_t AsciiLower(char32_t c) { return IsAsciiUpper(c) ? c + 32 : c; }
bool IsAsciiVowel(char32_t c) {
  switch (AsciiLower(c)) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
      return true;
    default:
      return false;
  }
}

bool IsLetter(char32_t c) { return c < 0x80 ? IsAsciiLetter(c) : u_isalpha(static_cast<UChar32>(c)) != 0; }

std::string NfcOf(const Units& cps) {
  std::string out;
  out.reserve(cps.size() + cps.size() / 2);
  for (char32_t c : cps) AppendUtf8(out, c);
  return Nfc(out);
}

Units UnitsFromBytes(std::string_view bytes) {
  Units u;
  u.reserve(bytes.size());
  for (char ch : bytes) u.push_back(static_cast<unsigned char>(ch));
  return u;
}

// The code points of a (mis)decoded UTF-8 text, each turned back into the
// CP1252 byte it came from when there is one.
Units UnitsFromMojibake(std::string_view utf8) {
  Units u;
  u.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t c = NextCodePoint(utf8, i);
    const auto b = Cp1252Byte(c);
    u.push_back(b ? char32_t{*b} : c);
  }
  return u;
}

bool IsValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    if (NextCodePoint(s, i) == 0xFFFD && s.substr(at, i - at) != "\xEF\xBF\xBD") return false;
  }
  return true;
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Every code point of the text came out of a CP1252 or Latin-1 decoder.
bool AllCp1252(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();)
    if (!Cp1252Byte(NextCodePoint(utf8, i))) return false;
  return true;
}

std::string_view StripUtf8Bom(std::string_view s) { return s.substr(0, 3) == "\xEF\xBB\xBF" ? s.substr(3) : s; }

struct UConverterCloser {
  void operator()(UConverter* c) const noexcept { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, UConverterCloser>;

ConverterPtr OpenConverter(const char* name) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr c(ucnv_open(name, &status));
  return U_FAILURE(status) ? nullptr : std::move(c);
}

// ---------------------------------------------------------------------------
// Decoders. Each returns NFC UTF-8.

std::string DecodeTcvn3(const Units& in) {
  const Tables& t = T();
  Units out;
  out.reserve(in.size());
  std::vector<bool> from_table(in.size(), false);
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char32_t u = in[i];
    if (u < 0x80 || u > 0xFF) {
      out.push_back(u);
    } else if (t.tcvn3[u] != 0) {
      out.push_back(t.tcvn3[u]);
      from_table[i] = true;
    } else {
      out.push_back(Cp1252Char(static_cast<uint8_t>(u)));
    }
  }
  // H-font capitals: in a word whose ASCII letters are all capitals, the
  // tone letters are capitals too ("NGUYÔN").
  for (std::size_t b = 0; b < out.size();) {
    if (!IsLetter(out[b])) {
      ++b;
      continue;
    }
    std::size_t e = b;
    bool upper = false;
    bool lower = false;
    while (e < out.size() && IsLetter(out[e])) {
      upper |= IsAsciiUpper(out[e]);
      lower |= IsAsciiLower(out[e]);
      ++e;
    }
    if (upper && !lower)
      for (std::size_t i = b; i < e; ++i)
        if (from_table[i]) out[i] = static_cast<char32_t>(u_toupper(static_cast<UChar32>(out[i])));
    b = e;
  }
  return NfcOf(out);
}

std::string DecodeVni(const Units& in) {
  const Tables& t = T();
  Units out;
  out.reserve(in.size());
  // The vowel the next mark byte may attach to: its base (lower case ASCII
  // vowel, or ơ / ư), and which marks it already has.
  char32_t base = 0;
  bool has_quality = false;
  bool has_tone = false;
  for (const char32_t u : in) {
    if (u < 0x80 || u > 0xFF) {
      out.push_back(u);
      base = (u < 0x80 && IsAsciiVowel(u)) ? AsciiLower(u) : 0;
      has_quality = has_tone = false;
      continue;
    }
    if (const char32_t letter = t.vni_single[u]; letter != 0) {
      out.push_back(letter);
      const char32_t lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(letter)));
      base = (lower == U'ơ' || lower == U'ư') ? lower : 0;  // i's and ỵ already carry their tone
      has_quality = base != 0;
      has_tone = false;
      continue;
    }
    const VniMark m = t.vni_mark[u];
    bool ok = m.valid && base != 0;
    if (ok && m.quality == Quality::kCircumflex) ok = !has_quality && (base == 'a' || base == 'e' || base == 'o');
    if (ok && m.quality == Quality::kBreve) ok = !has_quality && base == 'a';
    if (ok && m.tone != 0) ok = !has_tone;
    if (!ok) {
      out.push_back(Cp1252Char(static_cast<uint8_t>(u)));
      base = 0;
      continue;
    }
    if (m.quality == Quality::kCircumflex) out.push_back(kCircumflex);
    if (m.quality == Quality::kBreve) out.push_back(kBreve);
    if (m.tone != 0) out.push_back(kToneMark[m.tone]);
    has_quality |= m.quality != Quality::kNone;
    has_tone |= m.tone != 0;
  }
  return NfcOf(out);
}

// VIQR (RFC 1456). Marks follow the vowel: ^ ( + for the quality, ` ? ~ ' .
// for the tone; dd is đ. Marks are only read inside words: after a vowel that
// follows letters or starts a word; ? . ' at the end of a word are tones only
// when the word has no tone yet and at least two letters ("Thi." is Thị, "Nội."
// ends a sentence). A backslash makes the next mark literal.
struct ViqrStats {
  int strong = 0;  // marks that are hardly ever punctuation
  int words = 0;
};

bool IsViqrQuality(char32_t c) { return c == '^' || c == '(' || c == '+'; }
int ViqrTone(char32_t c) {
  switch (c) {
    case '`':
      return 1;
    case '?':
      return 2;
    case '~':
      return 3;
    case '\'':
      return 4;
    case '.':
      return 5;
    default:
      return 0;
  }
}

std::string DecodeViqr(std::string_view s, ViqrStats* stats) {
  Units out;
  out.reserve(s.size());
  const std::size_t n = s.size();
  auto at = [&](std::size_t i) -> char32_t { return i < n ? static_cast<unsigned char>(s[i]) : 0; };
  int word_letters = 0;
  int word_tones = 0;
  ViqrStats local;
  for (std::size_t i = 0; i < n;) {
    const char32_t c = at(i);
    if (c == '\\' && (IsViqrQuality(at(i + 1)) || ViqrTone(at(i + 1)) != 0)) {
      out.push_back(at(i + 1));
      word_letters = word_tones = 0;
      i += 2;
      continue;
    }
    if ((c == 'd' || c == 'D') && (at(i + 1) == 'd' || at(i + 1) == 'D') && word_letters == 0 &&
        IsAsciiVowel(at(i + 2))) {
      out.push_back(c == 'D' ? U'Đ' : U'đ');
      ++word_letters;
      ++local.strong;
      i += 2;
      continue;
    }
    if (!IsAsciiVowel(c)) {
      out.push_back(c);
      if (IsAsciiLetter(c)) {
        if (word_letters == 0) ++local.words;
        ++word_letters;
      } else {
        word_letters = word_tones = 0;
      }
      ++i;
      continue;
    }
    if (word_letters == 0) ++local.words;
    ++word_letters;
    const char32_t base = AsciiLower(c);
    char32_t quality = 0;
    int tone = 0;
    std::size_t j = i + 1;
    for (int k = 0; k < 2; ++k) {
      const char32_t m = at(j);
      if (quality == 0 && IsViqrQuality(m)) {
        const bool fits = (m == '^' && (base == 'a' || base == 'e' || base == 'o')) || (m == '(' && base == 'a') ||
                          (m == '+' && (base == 'o' || base == 'u'));
        if (!fits) break;
        quality = m;
        ++local.strong;
        ++j;
        continue;
      }
      if (tone == 0 && ViqrTone(m) != 0) {
        const char32_t next = at(j + 1);
        const bool mid_word = IsAsciiLetter(next);
        const bool strong = m == '`' || m == '~';
        const bool weak_ok = word_tones == 0 && word_letters >= 2 && next != m && next != '.' && next != '?' &&
                             next != '!' && next != '\'';
        if (!(mid_word || strong || weak_ok)) break;
        tone = ViqrTone(m);
        if (mid_word || strong) ++local.strong;
        ++j;
        continue;
      }
      break;
    }
    out.push_back(c);
    if (quality == '^') out.push_back(kCircumflex);
    if (quality == '(') out.push_back(kBreve);
    if (quality == '+') out.push_back(0x031B);  // horn
    if (tone != 0) {
      out.push_back(kToneMark[tone]);
      ++word_tones;
    }
    i = j;
  }
  if (stats) *stats = local;
  return NfcOf(out);
}

std::string DecodeCp1258(std::string_view bytes) {
  ConverterPtr conv = OpenConverter("windows-1258");
  if (!conv) {  // ICU without the table: keep what Latin-1 gives
    return NfcOf(UnitsFromBytes(bytes));
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), conv.get(), status);
  std::string out;
  u.toUTF8String(out);
  return Nfc(out);
}

std::string DecodeUtf16(std::string_view bytes, bool little_endian) {
  Units out;
  auto unit = [&](std::size_t i) -> char32_t {
    const auto lo = static_cast<unsigned char>(bytes[little_endian ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(bytes[little_endian ? i + 1 : i]);
    return static_cast<char32_t>(hi << 8 | lo);
  };
  std::size_t i = 0;
  if (bytes.size() >= 2 && unit(0) == 0xFEFF) i = 2;
  for (; i + 1 < bytes.size(); i += 2) {
    const char32_t c = unit(i);
    if (c >= 0xD800 && c <= 0xDBFF && i + 3 < bytes.size()) {
      const char32_t d = unit(i + 2);
      if (d >= 0xDC00 && d <= 0xDFFF) {
        out.push_back(0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00));
        i += 2;
        continue;
      }
    }
    out.push_back((c >= 0xD800 && c <= 0xDFFF) ? char32_t{0xFFFD} : c);
  }
  if (bytes.size() % 2 != 0) out.push_back(0xFFFD);  // a dangling byte
  return NfcOf(out);
}

// UTF-8 that was decoded as CP1252 (or Latin-1) and encoded again: turn each
// code point back into its byte and decode the bytes as UTF-8 where they
// form a well-formed sequence; keep everything else as it is, so a text that
// is only partly damaged is repaired without harm to the rest.
std::string RepairCp1252Mojibake(std::string_view utf8) {
  const Units units = UnitsFromMojibake(utf8);
  Units out;
  out.reserve(units.size());
  for (std::size_t i = 0; i < units.size();) {
    const char32_t u = units[i];
    if (u >= 0xC2 && u <= 0xF4) {
      std::string seq;
      std::size_t j = i;
      while (j < units.size() && j - i < 4 && units[j] <= 0xFF) seq.push_back(static_cast<char>(units[j++]));
      // Find the length of a well-formed sequence starting here.
      std::size_t k = 0;
      const char32_t c = seq.empty() ? 0xFFFD : NextCodePoint(seq, k);
      if (c != 0xFFFD && k > 1) {
        out.push_back(c);
        i += k;
        continue;
      }
    }
    out.push_back(u <= 0xFF ? Cp1252Char(static_cast<uint8_t>(u)) : u);
    ++i;
  }
  return NfcOf(out);
}

// ---------------------------------------------------------------------------
// Detection: decode with each candidate and score how Vietnamese the result
// reads. Words made only of ASCII letters score nothing (every candidate
// keeps them); words with other letters score by syllable structure; a
// symbol or replacement character inside a word costs.

int VietnameseScore(std::string_view utf8) {
  int score = 0;
  std::string word;
  bool ascii_only = true;
  bool junk = false;
  auto flush = [&] {
    if (!word.empty() && !ascii_only) {
      if (junk) {
        score -= 3;
      } else {
        switch (ClassifySyllable(word)) {
          case SyllableClass::kVietnamese:
            score += 3;
            break;
          case SyllableClass::kPlausible:
            score += 1;
            break;
          case SyllableClass::kNotASyllable:
            score -= 2;
            break;
        }
      }
    }
    word.clear();
    ascii_only = true;
    junk = false;
  };
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t c = NextCodePoint(utf8, i);
    if (c < 0x80 && !IsAsciiLetter(c)) {  // spaces, digits, ASCII punctuation separate words
      flush();
      continue;
    }
    if (c >= 0x80 && u_isUWhiteSpace(static_cast<UChar32>(c))) {
      flush();
      continue;
    }
    if (c >= 0x80) {
      ascii_only = false;
      if (!IsLetter(c)) junk = true;
    }
    AppendUtf8(word, c);
  }
  flush();
  return score;
}

bool LooksLikeUtf16(std::string_view bytes, bool* little_endian) {
  const std::size_t pairs = bytes.size() / 2;
  if (pairs < 2) return false;
  std::size_t zero_even = 0;
  std::size_t zero_odd = 0;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    zero_even += bytes[i] == 0;
    zero_odd += bytes[i + 1] == 0;
  }
  // ASCII and Latin-1 characters have a zero high byte; text has few NULs.
  if (zero_odd * 10 >= pairs * 3 && zero_even * 20 <= pairs) {
    *little_endian = true;
    return true;
  }
  if (zero_even * 10 >= pairs * 3 && zero_odd * 20 <= pairs) {
    *little_endian = false;
    return true;
  }
  return false;
}

// Detection reads at most this much; encodings do not change mid-file.
constexpr std::size_t kSampleBytes = 1 << 20;

std::string_view Sample(std::string_view bytes) {
  if (bytes.size() <= kSampleBytes) return bytes;
  std::size_t end = kSampleBytes;
  // Do not cut a UTF-8 sequence in two.
  while (end > 0 && (static_cast<unsigned char>(bytes[end]) & 0xC0) == 0x80) --end;
  return bytes.substr(0, end);
}

// ---------------------------------------------------------------------------
// Encoders (FromUnicode).

struct VowelParts {
  char32_t base;  // ASCII vowel (case kept), or ơ ư Ơ Ư
  Quality quality;
  int tone;
  bool upper;
};

std::optional<VowelParts> SplitVowel(char32_t c) {
  const char32_t lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
  const int b = detail::VowelBase(lower);
  if (b == detail::kNotAVowel) return std::nullopt;
  VowelParts p;
  p.upper = lower != c;
  p.tone = detail::VowelTone(lower);
  const char16_t letter = detail::VowelBaseLetter(b);
  p.quality = Quality::kNone;
  switch (letter) {
    case u'ă':
      p.base = 'a';
      p.quality = Quality::kBreve;
      break;
    case u'â':
      p.base = 'a';
      p.quality = Quality::kCircumflex;
      break;
    case u'ê':
      p.base = 'e';
      p.quality = Quality::kCircumflex;
      break;
    case u'ô':
      p.base = 'o';
      p.quality = Quality::kCircumflex;
      break;
    default:
      p.base = letter;
      break;  // a e i o u y ơ ư
  }
  if (p.upper) p.base = static_cast<char32_t>(u_toupper(static_cast<UChar32>(p.base)));
  return p;
}

std::string EncodeTcvn3(std::string_view utf8) {
  const std::string s = Nfc(utf8);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = NextCodePoint(s, i);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    auto find = [](char32_t letter) -> int {
      for (const auto& e : kTcvn3)
        if (e.letter == letter) return e.byte;
      return -1;
    };
    int b = find(c);
    if (b < 0) b = find(static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));  // H-font capitals
    out.push_back(b < 0 ? '?' : static_cast<char>(b));
  }
  return out;
}

std::string EncodeVni(std::string_view utf8) {
  const std::string s = Nfc(utf8);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = NextCodePoint(s, i);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    bool single = false;
    for (const auto& e : kVniSingle) {
      if (e.letter == c) {
        out.push_back(static_cast<char>(e.byte));
        single = true;
        break;
      }
    }
    if (single) continue;
    const auto p = SplitVowel(c);
    if (!p) {
      out.push_back('?');
      continue;
    }
    const int upper = p->upper ? 1 : 0;
    const char32_t lower_base = static_cast<char32_t>(u_tolower(static_cast<UChar32>(p->base)));
    if (lower_base == U'ơ')
      out.push_back(static_cast<char>(upper ? 0xD4 : 0xF4));
    else if (lower_base == U'ư')
      out.push_back(static_cast<char>(upper ? 0xD6 : 0xF6));
    else
      out.push_back(static_cast<char>(p->base));
    if (p->quality == Quality::kCircumflex)
      out.push_back(static_cast<char>(kVniCircumflex[upper][p->tone]));
    else if (p->quality == Quality::kBreve)
      out.push_back(static_cast<char>(kVniBreve[upper][p->tone]));
    else if (p->tone != 0)
      out.push_back(static_cast<char>(kVniTone[upper][p->tone]));
  }
  return out;
}

std::string EncodeViqr(std::string_view utf8) {
  const std::string s = Nfc(utf8);
  std::string out;
  bool after_vowel = false;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = NextCodePoint(s, i);
    if (c < 0x80) {
      if (after_vowel && (IsViqrQuality(c) || ViqrTone(c) != 0)) out.push_back('\\');
      out.push_back(static_cast<char>(c));
      after_vowel = IsAsciiVowel(c) || (after_vowel && (IsViqrQuality(c) || ViqrTone(c) != 0));
      continue;
    }
    if (c == U'đ' || c == U'Đ') {
      out += c == U'đ' ? "dd" : "DD";
      after_vowel = false;
      continue;
    }
    const auto p = SplitVowel(c);
    if (!p) {
      out.push_back('?');
      after_vowel = false;
      continue;
    }
    const char32_t lower_base = static_cast<char32_t>(u_tolower(static_cast<UChar32>(p->base)));
    if (lower_base == U'ơ')
      out += p->upper ? "O+" : "o+";
    else if (lower_base == U'ư')
      out += p->upper ? "U+" : "u+";
    else
      out.push_back(static_cast<char>(p->base));
    if (p->quality == Quality::kCircumflex) out.push_back('^');
    if (p->quality == Quality::kBreve) out.push_back('(');
    if (p->tone != 0) out.push_back("\0`?~'."[p->tone]);
    after_vowel = true;
  }
  return out;
}

std::string EncodeCp1258(std::string_view utf8) {
  // Windows-1258 has the letters with quality marks but most tones only as
  // combining marks: write every tone as a combining mark.
  const std::string s = Nfc(utf8);
  icu::UnicodeString u;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = NextCodePoint(s, i);
    const auto p = SplitVowel(c);
    if (!p || p->tone == 0) {
      u.append(static_cast<UChar32>(c));
      continue;
    }
    const char32_t lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
    char32_t toneless = detail::ComposeVowel(detail::VowelBase(lower), 0);
    if (p->upper) toneless = static_cast<char32_t>(u_toupper(static_cast<UChar32>(toneless)));
    u.append(static_cast<UChar32>(toneless));
    u.append(static_cast<UChar32>(kToneMark[p->tone]));
  }
  ConverterPtr conv = OpenConverter("windows-1258");
  if (!conv) return "";
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setSubstChars(conv.get(), "?", 1, &status);
  std::string out(static_cast<std::size_t>(u.length()) * 2 + 4, '\0');
  status = U_ZERO_ERROR;
  const int32_t n = u.extract(out.data(), static_cast<int32_t>(out.size()), conv.get(), status);
  if (U_FAILURE(status)) return "";
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string EncodeUtf16(std::string_view utf8, bool little_endian) {
  const std::string s = Nfc(utf8);
  std::string out;
  auto put = [&](char32_t unit) {
    const char lo = static_cast<char>(unit & 0xFF);
    const char hi = static_cast<char>(unit >> 8);
    out.push_back(little_endian ? lo : hi);
    out.push_back(little_endian ? hi : lo);
  };
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = NextCodePoint(s, i);
    if (c >= 0x10000) {
      put(0xD800 + ((c - 0x10000) >> 10));
      put(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      put(c);
    }
  }
  return out;
}

// Bytes shown through CP1252 and saved as UTF-8.
std::string BytesAsCp1252Utf8(std::string_view bytes) {
  std::string out;
  for (char ch : bytes) AppendUtf8(out, Cp1252Char(static_cast<unsigned char>(ch)));
  return out;
}

}  // namespace

std::string_view EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return "utf-8";
    case Encoding::kUtf16Le:
      return "utf-16le";
    case Encoding::kUtf16Be:
      return "utf-16be";
    case Encoding::kCp1258:
      return "windows-1258";
    case Encoding::kTcvn3:
      return "tcvn3";
    case Encoding::kVni:
      return "vni";
    case Encoding::kViqr:
      return "viqr";
    case Encoding::kMojibakeCp1252:
      return "mojibake-cp1252";
    case Encoding::kMojibakeTcvn3:
      return "mojibake-tcvn3";
  }
  return "unknown";
}

Encoding DetectEncoding(std::string_view all_bytes) {
  if (all_bytes.substr(0, 2) == "\xFF\xFE") return Encoding::kUtf16Le;
  if (all_bytes.substr(0, 2) == "\xFE\xFF") return Encoding::kUtf16Be;
  bool little_endian = false;
  if (LooksLikeUtf16(Sample(all_bytes), &little_endian)) return little_endian ? Encoding::kUtf16Le : Encoding::kUtf16Be;

  const std::string_view bytes = StripUtf8Bom(Sample(all_bytes));
  if (IsValidUtf8(bytes)) {
    if (IsAscii(bytes)) {
      ViqrStats stats;
      DecodeViqr(bytes, &stats);
      const bool viqr = stats.strong >= 2 && stats.strong * 20 >= stats.words;
      return viqr ? Encoding::kViqr : Encoding::kUtf8;
    }
    // The text as it is wins ties: a candidate must read better.
    Encoding best = Encoding::kUtf8;
    int best_score = VietnameseScore(bytes);
    auto consider = [&](Encoding e, const std::string& decoded) {
      const int s = VietnameseScore(decoded);
      if (s > best_score) {
        best = e;
        best_score = s;
      }
    };
    consider(Encoding::kMojibakeCp1252, RepairCp1252Mojibake(bytes));
    if (AllCp1252(bytes)) {
      const Units units = UnitsFromMojibake(bytes);
      consider(Encoding::kMojibakeTcvn3, DecodeTcvn3(units));
      consider(Encoding::kVni, DecodeVni(units));
    }
    return best;
  }

  // Eight-bit text. Lạng Sơn's old lists are mostly TCVN3 (ABC), so it wins
  // ties; Windows-1258 is the fallback when nothing reads as Vietnamese.
  const Units units = UnitsFromBytes(bytes);
  Encoding best = Encoding::kCp1258;
  int best_score = 0;
  auto consider = [&](Encoding e, const std::string& decoded) {
    const int s = VietnameseScore(decoded);
    if (s > best_score) {
      best = e;
      best_score = s;
    }
  };
  consider(Encoding::kTcvn3, DecodeTcvn3(units));
  consider(Encoding::kVni, DecodeVni(units));
  consider(Encoding::kCp1258, DecodeCp1258(bytes));
  return best;
}

std::string ToUnicode(std::string_view bytes, Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return Nfc(StripUtf8Bom(bytes));
    case Encoding::kUtf16Le:
      return DecodeUtf16(bytes, true);
    case Encoding::kUtf16Be:
      return DecodeUtf16(bytes, false);
    case Encoding::kCp1258:
      return DecodeCp1258(bytes);
    case Encoding::kTcvn3:
      return DecodeTcvn3(UnitsFromBytes(bytes));
    case Encoding::kVni: {
      const std::string_view body = StripUtf8Bom(bytes);
      if (!IsAscii(body) && IsValidUtf8(body) && AllCp1252(body)) return DecodeVni(UnitsFromMojibake(body));
      return DecodeVni(UnitsFromBytes(bytes));
    }
    case Encoding::kViqr:
      return DecodeViqr(StripUtf8Bom(bytes), nullptr);
    case Encoding::kMojibakeCp1252:
      return RepairCp1252Mojibake(StripUtf8Bom(bytes));
    case Encoding::kMojibakeTcvn3:
      return DecodeTcvn3(UnitsFromMojibake(StripUtf8Bom(bytes)));
  }
  return Nfc(bytes);
}

std::string ToUnicodeAuto(std::string_view bytes) { return ToUnicode(bytes, DetectEncoding(bytes)); }

std::string FromUnicode(std::string_view utf8, Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return Nfc(utf8);
    case Encoding::kUtf16Le:
      return EncodeUtf16(utf8, true);
    case Encoding::kUtf16Be:
      return EncodeUtf16(utf8, false);
    case Encoding::kCp1258:
      return EncodeCp1258(utf8);
    case Encoding::kTcvn3:
      return EncodeTcvn3(utf8);
    case Encoding::kVni:
      return EncodeVni(utf8);
    case Encoding::kViqr:
      return EncodeViqr(utf8);
    case Encoding::kMojibakeCp1252:
      return BytesAsCp1252Utf8(Nfc(utf8));
    case Encoding::kMojibakeTcvn3:
      return BytesAsCp1252Utf8(EncodeTcvn3(utf8));
  }
  return std::string(utf8);
}

}  // namespace sovang::text
