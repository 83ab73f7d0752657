#include "text/spell.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <mutex>

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <hunspell/hunspell.hxx>

#include "core/error.h"
#include "text/normalize.h"

namespace sovang::text {
namespace {

// Where Debian and other distributions put hunspell-vi.
constexpr const char* kDictionaryDirs[] = {"/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts"};

icu::UnicodeString FromUtf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Gives `lower` (a lower-case form of `original`) the capitals of `original`:
// all capitals, a capital first letter, or none.
std::string WithCaseOf(const std::string& lower, std::string_view original) {
  const icu::UnicodeString o = FromUtf8(original);
  bool any_lower = false;
  bool any_upper = false;
  bool first_upper = false;
  bool seen_letter = false;
  for (int32_t i = 0; i < o.length();) {
    const UChar32 c = o.char32At(i);
    i += U16_LENGTH(c);
    if (!u_isalpha(c)) continue;
    if (!seen_letter) first_upper = u_isupper(c) != 0;
    seen_letter = true;
    any_upper |= u_isupper(c) != 0;
    any_lower |= u_islower(c) != 0;
  }
  if (any_upper && !any_lower) {
    icu::UnicodeString u = FromUtf8(lower);
    u.toUpper(icu::Locale::getRoot());
    return Nfc(ToUtf8(u));
  }
  if (first_upper) return TitleCase(lower);
  return lower;
}

struct ConverterCloser {
  void operator()(UConverter* c) const noexcept { ucnv_close(c); }
};

}  // namespace

struct SpellChecker::Impl {
  std::unique_ptr<Hunspell> hunspell;
  std::unique_ptr<UConverter, ConverterCloser> converter;  // null when the dictionary is UTF-8
  mutable std::mutex mutex;                                // Hunspell is not thread-safe

  // UTF-8 to the dictionary's encoding and back.
  std::string ToDict(std::string_view utf8) const {
    const std::string nfc = Nfc(utf8);
    if (!converter) return nfc;
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString u = FromUtf8(nfc);
    std::string out(static_cast<std::size_t>(u.length()) * 4 + 4, '\0');
    const int32_t n = u.extract(out.data(), static_cast<int32_t>(out.size()), converter.get(), status);
    if (U_FAILURE(status)) return nfc;
    out.resize(static_cast<std::size_t>(n));
    return out;
  }
  std::string FromDict(const std::string& bytes) const {
    if (!converter) return Nfc(bytes);
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(), status);
    return Nfc(ToUtf8(u));
  }
  bool Spell(std::string_view word) const { return hunspell->spell(ToDict(word)); }
};

SpellChecker::SpellChecker(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SpellChecker::SpellChecker(SpellChecker&&) noexcept = default;
SpellChecker& SpellChecker::operator=(SpellChecker&&) noexcept = default;
SpellChecker::~SpellChecker() = default;

SpellChecker SpellChecker::Open(const std::filesystem::path& aff, const std::filesystem::path& dic) {
  for (const auto& p : {aff, dic})
    if (!std::filesystem::is_regular_file(p))
      throw Error(Errc::kNotFound, "Hunspell dictionary file missing: " + p.string());
  auto impl = std::make_unique<Impl>();
  impl->hunspell = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
  std::string encoding = impl->hunspell->get_dict_encoding();
  std::transform(encoding.begin(), encoding.end(), encoding.begin(), [](unsigned char c) { return std::toupper(c); });
  if (encoding != "UTF-8" && encoding != "UTF8") {
    UErrorCode status = U_ZERO_ERROR;
    impl->converter.reset(ucnv_open(encoding.c_str(), &status));
    if (U_FAILURE(status))
      throw Error(Errc::kCorruptInput, "Hunspell dictionary " + dic.string() + ": unknown encoding " + encoding);
  }
  return SpellChecker(std::move(impl));
}

SpellChecker SpellChecker::OpenDefault() {
  for (const char* dir : kDictionaryDirs) {
    const std::filesystem::path base = std::filesystem::path(dir) / "vi_VN";
    const auto aff = std::filesystem::path(base).replace_extension(".aff");
    const auto dic = std::filesystem::path(base).replace_extension(".dic");
    if (std::filesystem::is_regular_file(aff) && std::filesystem::is_regular_file(dic)) return Open(aff, dic);
  }
  throw Error(Errc::kNotFound,
              "Vietnamese Hunspell dictionary vi_VN not found in /usr/share/hunspell "
              "(install the hunspell-vi package)");
}

bool SpellChecker::IsWord(std::string_view word) const {
  if (word.empty()) return false;
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (impl_->Spell(word)) return true;
  // hunspell-vi spells tones the new way (hoà, thuỷ); accept the old way too.
  const std::string canonical = WithCaseOf(CanonicalTone(word), word);
  return canonical != Nfc(word) && impl_->Spell(canonical);
}

std::vector<std::string> SpellChecker::Suggest(std::string_view word) const {
  if (word.empty()) return {};
  std::vector<std::string> out;
  std::lock_guard<std::mutex> lock(impl_->mutex);
  for (const std::string& s : impl_->hunspell->suggest(impl_->ToDict(word))) {
    std::string u = impl_->FromDict(s);
    if (std::find(out.begin(), out.end(), u) == out.end()) out.push_back(std::move(u));
  }
  return out;
}

void SpellChecker::AddWords(const std::vector<std::string>& words) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  for (const std::string& w : words)
    if (!w.empty()) impl_->hunspell->add(impl_->ToDict(w));
}

}  // namespace sovang::text
