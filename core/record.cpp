#include "core/record.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace sovang {

namespace {
constexpr std::array<std::string_view, kFieldCount> kFieldKeys = {
    "full_name",       "gender",        "birth_year", "commune",   "district",    "province",
    "award",           "award_code",    "decision_number", "decision_date", "authority", "book_number"};
constexpr std::array<std::string_view, 5> kPageKinds = {"ledger", "annex", "certificate", "csv", "other"};
constexpr std::array<std::string_view, 3> kReviews = {"auto", "needs_review", "reviewed"};
}  // namespace

Box Union(const Box& a, const Box& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  const int x0 = std::min(a.x, b.x), y0 = std::min(a.y, b.y);
  const int x1 = std::max(a.x + a.w, b.x + b.w), y1 = std::max(a.y + a.h, b.y + b.h);
  return Box{x0, y0, x1 - x0, y1 - y0};
}

std::string_view FieldKey(FieldId id) { return kFieldKeys[static_cast<std::size_t>(id)]; }

std::optional<FieldId> FieldFromKey(std::string_view key) {
  for (std::size_t i = 0; i < kFieldCount; ++i)
    if (kFieldKeys[i] == key) return static_cast<FieldId>(i);
  return std::nullopt;
}

std::string_view ReviewName(ReviewState s) { return kReviews[static_cast<std::size_t>(s)]; }

std::optional<ReviewState> ReviewFromName(std::string_view name) {
  for (std::size_t i = 0; i < kReviews.size(); ++i)
    if (kReviews[i] == name) return static_cast<ReviewState>(i);
  return std::nullopt;
}

std::string_view PageKindName(PageKind kind) { return kPageKinds[static_cast<std::size_t>(kind)]; }

std::optional<PageKind> PageKindFromName(std::string_view name) {
  for (std::size_t i = 0; i < kPageKinds.size(); ++i)
    if (kPageKinds[i] == name) return static_cast<PageKind>(i);
  return std::nullopt;
}

std::optional<int> Record::birth_year() const {
  const std::string& v = value(FieldId::kBirthYear);
  int year = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), year);
  if (ec != std::errc() || p != v.data() + v.size()) return std::nullopt;
  return year;
}

std::string MakeRecordId(std::string_view sha256, int page, int ordinal) {
  char tail[32];
  std::snprintf(tail, sizeof tail, "-%d-%d", page, ordinal);
  return std::string(sha256.substr(0, 12)) + tail;
}

void UpdateRecordConfidence(Record& record) {
  double weakest = 1.0;
  bool any = false;
  for (const Field& f : record.fields) {
    if (!f.present()) continue;
    weakest = std::min(weakest, f.confidence);
    any = true;
  }
  record.confidence = any ? weakest : 0.0;
}

}  // namespace sovang
