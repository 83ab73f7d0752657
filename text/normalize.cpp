#include "text/normalize.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "core/error.h"
#include "text/normalize_internal.h"

namespace sovang::text {
namespace detail {

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
    return;
  }
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  char buf[4];
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, static_cast<UChar32>(cp));
  out.append(buf, static_cast<std::size_t>(len));
}

char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data() + i);
  if (p[0] < 0x80) {
    ++i;
    return p[0];
  }
  // U8_NEXT wants an int32_t index: decode from a window of at most 4 bytes so
  // that strings longer than 2 GiB cannot overflow it.
  const int32_t avail = static_cast<int32_t>(std::min<std::size_t>(4, s.size() - i));
  int32_t j = 0;
  UChar32 c;
  U8_NEXT(p, j, avail, c);
  i += static_cast<std::size_t>(j);
  return c < 0 ? char32_t{0xFFFD} : static_cast<char32_t>(c);
}

}  // namespace detail

namespace {

using detail::AppendUtf8;
using detail::NextCodePoint;

// ICU's singletons, looked up once. Normalizer2 instances are immutable and
// safe to share between threads.
struct Normalizers {
  const icu::Normalizer2* nfc;
  const icu::Normalizer2* nfd;
  Normalizers() {
    UErrorCode status = U_ZERO_ERROR;
    nfc = icu::Normalizer2::getNFCInstance(status);
    nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) throw Error(Errc::kInternal, std::string("ICU normalizer data: ") + u_errorName(status));
  }
};

const Normalizers& Norm() {
  static const Normalizers n;
  return n;
}

icu::UnicodeString FromUtf8(std::string_view s) {
  // fromUTF8 replaces ill-formed sequences with U+FFFD.
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

icu::UnicodeString NfcU(const icu::UnicodeString& u) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString r = Norm().nfc->normalize(u, status);
  return U_FAILURE(status) ? u : r;
}

bool IsDroppedMark(UChar32 c) { return c >= 0x0300 && c <= 0x036F; }

// Letters folded to d besides the ones NFD already reduces: đ has no
// decomposition, and Ð/ð (Icelandic eth) stand in for Đ/đ in text typed with
// Western fonts and in OCR output.
bool FoldsToD(UChar32 c) { return c == 0x0111 || c == 0x0110 || c == 0x00F0 || c == 0x00D0; }

icu::UnicodeString FoldU(const icu::UnicodeString& in) {
  // Lower first: lower-casing can add marks (İ -> i + U+0307) that must go too.
  icu::UnicodeString lower(in);
  lower.toLower(icu::Locale::getRoot());
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString nfd = Norm().nfd->normalize(lower, status);
  if (U_FAILURE(status)) return lower;
  icu::UnicodeString kept;
  for (int32_t i = 0; i < nfd.length();) {
    const UChar32 c = nfd.char32At(i);
    i += U16_LENGTH(c);
    if (IsDroppedMark(c)) continue;
    kept.append(FoldsToD(c) ? UChar32{'d'} : c);
  }
  return NfcU(kept);
}

// Per-code-point results for the scripts we meet all the time (Basic Latin to
// Latin Extended-B, and Latin Extended Additional where the Vietnamese letters
// with tone marks live). Built once from the reference implementation, and
// only used where concatenating per-code-point results provably gives the
// same string as the reference on the whole text (checked when building).
class FastTables {
 public:
  static constexpr UChar32 kLowEnd = 0x0250;
  static constexpr UChar32 kExtBegin = 0x1E00;
  static constexpr UChar32 kExtEnd = 0x1F00;
  static constexpr std::size_t kSize = kLowEnd + (kExtEnd - kExtBegin);

  struct Entry {
    char bytes[7];
    uint8_t len;  // 0xFF: not usable on the fast path
  };

  FastTables() {
    for (UChar32 c = 0; c < kLowEnd; ++c) Fill(c);
    for (UChar32 c = kExtBegin; c < kExtEnd; ++c) Fill(c);
  }

  static int Slot(UChar32 c) {
    if (c < kLowEnd) return c;
    if (c >= kExtBegin && c < kExtEnd) return kLowEnd + (c - kExtBegin);
    return -1;
  }
  const Entry& LowerOf(int slot) const { return lower_[static_cast<std::size_t>(slot)]; }
  const Entry& FoldOf(int slot) const { return fold_[static_cast<std::size_t>(slot)]; }
  // The code point is NFC and nothing before it can combine with it.
  bool NfcStable(int slot) const { return nfc_stable_[static_cast<std::size_t>(slot)]; }

 private:
  // A piece may be concatenated blindly when it is NFC on its own and nothing
  // can combine across its start (it begins with a normalization boundary).
  static bool Concatenable(const icu::UnicodeString& piece) {
    UErrorCode status = U_ZERO_ERROR;
    if (piece.isEmpty()) return true;
    if (!Norm().nfc->isNormalized(piece, status) || U_FAILURE(status)) return false;
    return Norm().nfc->hasBoundaryBefore(piece.char32At(0));
  }

  static void Store(Entry& e, const icu::UnicodeString& piece, bool usable) {
    e.len = 0xFF;
    if (!usable) return;
    std::string utf8 = ToUtf8(piece);
    if (utf8.size() > sizeof(e.bytes)) return;
    std::memcpy(e.bytes, utf8.data(), utf8.size());
    e.len = static_cast<uint8_t>(utf8.size());
  }

  void Fill(UChar32 c) {
    const auto slot = static_cast<std::size_t>(Slot(c));
    const icu::UnicodeString one(c);
    // The input code point itself must be NFC with a boundary before it (so it
    // cannot combine with what precedes it); otherwise a string containing it
    // needs real normalization. Whatever follows it is checked in its turn.
    const bool stable = Concatenable(one);
    nfc_stable_[slot] = stable;
    icu::UnicodeString lower(one);
    lower.toLower(icu::Locale::getRoot());
    Store(lower_[slot], lower, stable && Concatenable(lower));
    // Folding decomposes anyway, so the input need not be stable; the output must.
    const icu::UnicodeString fold = FoldU(one);
    Store(fold_[slot], fold, Concatenable(fold));
  }

  std::array<Entry, kSize> lower_{};
  std::array<Entry, kSize> fold_{};
  std::array<bool, kSize> nfc_stable_{};
};

const FastTables& Tables() {
  static const FastTables t;
  return t;
}

bool AllAscii(std::string_view s) {
  for (char ch : s)
    if (static_cast<unsigned char>(ch) >= 0x80) return false;
  return true;
}

void AsciiLowerInto(std::string& out, std::string_view s) {
  out.resize(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    out[i] = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
  }
}

// The fast path of Lower and Fold: table lookups per code point. Returns false
// (and leaves `out` unspecified) when the text needs the reference path.
bool MapFast(std::string_view s, bool fold, std::string& out) {
  const FastTables& t = Tables();
  out.clear();
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out.push_back((b >= 'A' && b <= 'Z') ? static_cast<char>(b + 32) : static_cast<char>(b));
      ++i;
      continue;
    }
    const char32_t c = NextCodePoint(s, i);
    if (c == 0xFFFD) return false;  // ill-formed (or a real U+FFFD): the reference path replaces
    if (fold && IsDroppedMark(static_cast<UChar32>(c))) continue;
    const int slot = FastTables::Slot(static_cast<UChar32>(c));
    if (slot < 0) return false;
    const FastTables::Entry& e = fold ? t.FoldOf(slot) : t.LowerOf(slot);
    if (e.len == 0xFF) return false;
    out.append(e.bytes, e.len);
  }
  return true;
}

// Vietnamese vowels: the twelve bases (with their quality marks) times six
// tones (none, grave, hook, tilde, acute, dot below). Built from ICU's
// composition so that no precomposed code point is typed by hand.
class VowelTable {
 public:
  static constexpr int kNoVowel = -1;
  static constexpr char16_t kBases[12] = {u'a', u'ă', u'â', u'e', u'ê', u'i', u'o', u'ô', u'ơ', u'u', u'ư', u'y'};
  static constexpr UChar32 kToneMarks[6] = {0, 0x0300, 0x0309, 0x0303, 0x0301, 0x0323};

  VowelTable() {
    code_.fill(0);
    for (int b = 0; b < 12; ++b) {
      for (int t = 0; t < 6; ++t) {
        icu::UnicodeString u(static_cast<UChar32>(kBases[b]));
        if (t > 0) u.append(kToneMarks[t]);
        const icu::UnicodeString c = NfcU(u);
        const UChar32 cp = c.char32At(0);
        compose_[static_cast<std::size_t>(b)][static_cast<std::size_t>(t)] = cp;
        if (c.length() == 1 && cp < static_cast<UChar32>(code_.size()))
          code_[static_cast<std::size_t>(cp)] = static_cast<uint8_t>(b * 6 + t + 1);
      }
    }
  }

  // Base index (0..11) or kNoVowel, and the tone (0..5) of a lower-case letter.
  int Base(char32_t c) const {
    const uint8_t v = c < code_.size() ? code_[c] : 0;
    return v == 0 ? kNoVowel : (v - 1) / 6;
  }
  int Tone(char32_t c) const {
    const uint8_t v = c < code_.size() ? code_[c] : 0;
    return v == 0 ? 0 : (v - 1) % 6;
  }
  char32_t Compose(int base, int tone) const {
    return static_cast<char32_t>(compose_[static_cast<std::size_t>(base)][static_cast<std::size_t>(tone)]);
  }
  static bool HasQualityMark(int base) {
    // ă â ê ô ơ ư
    return base == 1 || base == 2 || base == 4 || base == 7 || base == 8 || base == 10;
  }
  static char16_t BaseLetter(int base) { return kBases[base]; }

 private:
  std::array<uint8_t, 0x1F00> code_{};
  UChar32 compose_[12][6]{};
};

const VowelTable& Vowels() {
  static const VowelTable v;
  return v;
}

// Where the tone of one syllable goes (index into `base`), or -1 to leave the
// syllable as it is. `base[i]` is the vowel base index of letter i or kNoVowel.
//
// Convention ("new style", the Ministry of Education's 1984 rules and the
// default of modern keyboards): the tone sits on the main vowel, so
// hoà, hoè, thuỷ, khoẻ, quý. In detail:
//  - qu and gi (before another vowel) are onsets: their u and i carry no tone;
//  - a vowel with a quality mark (ă â ê ô ơ ư) takes the tone, the last one if
//    there are two (ươ: người);
//  - one vowel takes it; of three, the middle one (hoài, khuỷu, ngoẹo);
//  - of two, the second when a final consonant follows (hoàn, toán) or for the
//    open rhymes oa, oe, uy (hoà, khoẻ, thuỷ), else the first (mùa, kìa, tài).
int TonePosition(const char32_t* letters, const int* base, int n) {
  int i0 = 0;
  while (i0 < n && base[i0] == VowelTable::kNoVowel) ++i0;
  if (i0 == n) return -1;
  auto vowel_at = [&](int i) { return i < n && base[i] != VowelTable::kNoVowel; };
  if (i0 > 0 && vowel_at(i0 + 1)) {
    const char32_t prev = letters[i0 - 1];
    const char16_t v = VowelTable::BaseLetter(base[i0]);
    if ((prev == U'q' && v == u'u') || (prev == U'g' && v == u'i')) ++i0;
  }
  int i1 = i0;
  while (vowel_at(i1)) ++i1;
  for (int i = i1; i < n; ++i)
    if (vowel_at(i)) return -1;  // two vowel groups: not one syllable
  const int k = i1 - i0;
  int marked = -1;
  for (int i = i0; i < i1; ++i)
    if (VowelTable::HasQualityMark(base[i])) marked = i;
  if (marked >= 0) return marked;
  if (k == 1) return i0;
  if (k == 3) return i0 + 1;
  if (k != 2) return -1;
  if (i1 < n) return i0 + 1;  // a final consonant follows
  const char16_t v1 = VowelTable::BaseLetter(base[i0]);
  const char16_t v2 = VowelTable::BaseLetter(base[i0 + 1]);
  if ((v1 == u'o' && (v2 == u'a' || v2 == u'e')) || (v1 == u'u' && v2 == u'y')) return i0 + 1;
  return i0;
}

// Longer words are not syllables and are left alone.
constexpr int kMaxSyllable = 16;

// Rewrites one lower-case NFC syllable in place; returns whether it changed.
// Leaves it alone unless it has exactly one tone mark and a recognisable
// vowel group.
bool CanonicalSyllable(char32_t* letters, int n) {
  const VowelTable& vt = Vowels();
  std::array<int, kMaxSyllable> base;
  int tone = 0;
  int tones = 0;
  for (int i = 0; i < n; ++i) {
    base[i] = vt.Base(letters[i]);
    const int t = vt.Tone(letters[i]);
    if (t != 0) {
      tone = t;
      ++tones;
    }
  }
  if (tones != 1) return false;
  const int pos = TonePosition(letters, base.data(), n);
  if (pos < 0) return false;
  bool changed = false;
  for (int i = 0; i < n; ++i) {
    if (base[i] == VowelTable::kNoVowel) continue;
    const char32_t c = vt.Compose(base[i], i == pos ? tone : 0);
    changed |= c != letters[i];
    letters[i] = c;
  }
  return changed;
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  const auto u = static_cast<UChar32>(c);
  if (u_isUAlphabetic(u) || u_isdigit(u)) return true;
  const int8_t type = u_charType(u);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

bool IsSpace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

}  // namespace

namespace detail {

int VowelBase(char32_t c) { return Vowels().Base(c); }
int VowelTone(char32_t c) { return Vowels().Tone(c); }
char32_t ComposeVowel(int base, int tone) { return Vowels().Compose(base, tone); }
char16_t VowelBaseLetter(int base) { return VowelTable::BaseLetter(base); }
bool VowelHasQualityMark(int base) { return VowelTable::HasQualityMark(base); }

std::string NfcReference(std::string_view s) { return ToUtf8(NfcU(FromUtf8(s))); }

std::string LowerReference(std::string_view s) {
  icu::UnicodeString u = NfcU(FromUtf8(s));
  u.toLower(icu::Locale::getRoot());
  // Lower-casing can break NFC (rarely: İ); normalise again.
  return ToUtf8(NfcU(u));
}

std::string FoldReference(std::string_view s) { return ToUtf8(FoldU(FromUtf8(s))); }

}  // namespace detail

std::string Nfc(std::string_view s) {
  // Text that is already NFC (the usual case) is copied without ICU.
  const FastTables& t = Tables();
  bool stable = true;
  for (std::size_t i = 0; i < s.size() && stable;) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const char32_t c = NextCodePoint(s, i);
    const int slot = FastTables::Slot(static_cast<UChar32>(c));
    stable = c != 0xFFFD && slot >= 0 && t.NfcStable(slot);
  }
  if (stable) return std::string(s);
  return detail::NfcReference(s);
}

std::string Lower(std::string_view s) {
  std::string out;
  if (AllAscii(s)) {
    AsciiLowerInto(out, s);
    return out;
  }
  if (MapFast(s, /*fold=*/false, out)) return out;
  return detail::LowerReference(s);
}

std::string Fold(std::string_view s) {
  std::string out;
  if (AllAscii(s)) {
    AsciiLowerInto(out, s);
    return out;
  }
  if (MapFast(s, /*fold=*/true, out)) return out;
  return detail::FoldReference(s);
}

std::string CanonicalTone(std::string_view s) {
  std::string lower = Lower(s);
  if (AllAscii(lower)) return lower;  // no tone marks
  std::string out;
  out.reserve(lower.size());
  std::array<char32_t, kMaxSyllable> word;
  std::size_t word_begin = 0;  // byte offsets of the current word in `lower`
  int n = 0;                   // its code points, up to kMaxSyllable + 1
  auto flush = [&](std::size_t word_end) {
    const std::string_view bytes(lower.data() + word_begin, word_end - word_begin);
    if (n > 0 && n <= kMaxSyllable && CanonicalSyllable(word.data(), n)) {
      for (int k = 0; k < n; ++k) AppendUtf8(out, word[k]);
    } else {
      out.append(bytes);
    }
    n = 0;
  };
  for (std::size_t i = 0; i < lower.size();) {
    const std::size_t at = i;
    const char32_t c = NextCodePoint(lower, i);
    if (IsWordChar(c)) {
      if (n == 0) word_begin = at;
      if (n < kMaxSyllable) word[n] = c;
      if (n <= kMaxSyllable) ++n;
    } else {
      if (n > 0) flush(at);
      out.append(lower, at, i - at);
    }
  }
  if (n > 0) flush(lower.size());
  return out;
}

std::vector<std::string> Tokenize(std::string_view s) {
  const std::string lower = Lower(s);
  std::vector<std::string> tokens;
  std::size_t begin = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < lower.size();) {
    const std::size_t at = i;
    const bool word = IsWordChar(NextCodePoint(lower, i));
    if (word && !in_word) begin = at;
    if (!word && in_word) tokens.emplace_back(lower, begin, at - begin);
    in_word = word;
  }
  if (in_word) tokens.emplace_back(lower, begin, lower.size() - begin);
  return tokens;
}

std::string TitleCase(std::string_view s) {
  const icu::UnicodeString u = NfcU(FromUtf8(s));
  icu::UnicodeString out;
  bool at_word_start = true;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    const bool word = IsWordChar(static_cast<char32_t>(c));
    if (word && at_word_start) {
      out.append(u_totitle(c));
    } else if (word) {
      out.append(u_tolower(c));
    } else {
      out.append(c);
    }
    at_word_start = !word;
  }
  return ToUtf8(NfcU(out));
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = NextCodePoint(s, i);
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    AppendUtf8(out, c);
  }
  return out;
}

std::size_t Length(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) NextCodePoint(s, i);
  return n;
}

std::vector<std::string> CodePoints(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    NextCodePoint(s, i);
    out.emplace_back(s.substr(start, i - start));
  }
  return out;
}

namespace {

// Levenshtein (transpositions = false) or optimal string alignment
// (transpositions = true) on code points, bounded by max_distance.
int BoundedDistance(std::string_view a, std::string_view b, int max_distance, bool transpositions) {
  if (max_distance < 0) max_distance = 0;
  std::vector<char32_t> x;
  std::vector<char32_t> y;
  x.reserve(a.size());
  y.reserve(b.size());
  for (std::size_t i = 0; i < a.size();) x.push_back(NextCodePoint(a, i));
  for (std::size_t i = 0; i < b.size();) y.push_back(NextCodePoint(b, i));
  // Common prefix and suffix cost nothing.
  std::size_t p = 0;
  while (p < x.size() && p < y.size() && x[p] == y[p]) ++p;
  std::size_t sx = x.size();
  std::size_t sy = y.size();
  while (sx > p && sy > p && x[sx - 1] == y[sy - 1]) {
    --sx;
    --sy;
  }
  const std::size_t n = sx - p;
  const std::size_t m = sy - p;
  const int over = max_distance + 1;
  const std::size_t diff = n > m ? n - m : m - n;
  if (diff > static_cast<std::size_t>(max_distance)) return over;
  if (n == 0) return static_cast<int>(m);
  if (m == 0) return static_cast<int>(n);
  // Rows of the table (the one before the previous only for transpositions),
  // values clamped to `over`; stop once a whole row exceeds the bound.
  std::vector<int> before(m + 1, over);
  std::vector<int> prev(m + 1);
  std::vector<int> row(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = std::min(static_cast<int>(j), over);
  for (std::size_t i = 1; i <= n; ++i) {
    row[0] = std::min(static_cast<int>(i), over);
    int row_min = row[0];
    const char32_t xi = x[p + i - 1];
    for (std::size_t j = 1; j <= m; ++j) {
      const char32_t yj = y[p + j - 1];
      const int cost = xi == yj ? 0 : 1;
      int v = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost, over});
      if (transpositions && i > 1 && j > 1 && xi == y[p + j - 2] && x[p + i - 2] == yj)
        v = std::min(v, before[j - 2] + 1);
      row[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min >= over) return over;
    std::swap(before, prev);
    std::swap(prev, row);
  }
  return std::min(prev[m], over);
}

}  // namespace

int EditDistance(std::string_view a, std::string_view b, int max_distance) {
  return BoundedDistance(a, b, max_distance, false);
}

int TypoDistance(std::string_view a, std::string_view b, int max_distance) {
  return BoundedDistance(a, b, max_distance, true);
}

}  // namespace sovang::text
