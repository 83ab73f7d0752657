#pragma once
// The unit of the archive: one person (or collective) and one award, as read
// from one place on one page. Every field keeps what the page says (verbatim),
// what it means (value, normalised), how sure we are and where it is.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sovang {

// A rectangle on a page image, in pixels. Empty (w == 0) when unknown.
struct Box {
  int x = 0, y = 0, w = 0, h = 0;
  bool empty() const { return w <= 0 || h <= 0; }
  bool operator==(const Box&) const = default;
};

// Smallest box holding both (an empty box is ignored).
Box Union(const Box& a, const Box& b);

enum class FieldId {
  kFullName,
  kGender,
  kBirthYear,
  kCommune,
  kDistrict,
  kProvince,
  kAward,
  kAwardCode,
  kDecisionNumber,
  kDecisionDate,
  kAuthority,
  kBookNumber,
  kCount
};
inline constexpr std::size_t kFieldCount = static_cast<std::size_t>(FieldId::kCount);

// The JSON key of a field ("full_name", "birth_year", ...).
std::string_view FieldKey(FieldId id);
std::optional<FieldId> FieldFromKey(std::string_view key);

struct Field {
  std::string verbatim;     // as printed on the page (NFC), may be empty
  std::string value;        // normalised: "1932", "1975-08-10", "543/QĐ-CTN"; empty = absent
  double confidence = 0.0;  // 0..1
  Box box;                  // where on the page, empty if unknown
  bool present() const { return !value.empty(); }
};

enum class ReviewState { kAuto, kNeedsReview, kReviewed };
std::string_view ReviewName(ReviewState s);  // "auto" | "needs_review" | "reviewed"
std::optional<ReviewState> ReviewFromName(std::string_view name);

// Where a record comes from.
struct SourceRef {
  std::string file;    // the file name as ingested (no directory)
  std::string sha256;  // of the master file
  int page = 0;        // 1-based page within the file; 0 for a CSV row
  int row = 0;         // CSV row, 0 for scanned pages
  std::int64_t page_id = 0;  // the store's page id, 0 when not a scanned page
  Box bbox;            // the record's row or paragraph on the page
};

enum class PageKind { kLedger, kAnnex, kCertificate, kCsv, kOther };
std::string_view PageKindName(PageKind kind);  // "ledger" | "annex" | "certificate" | "csv" | "other"
std::optional<PageKind> PageKindFromName(std::string_view name);

struct Record {
  std::string id;
  std::array<Field, kFieldCount> fields;
  PageKind kind = PageKind::kOther;
  SourceRef source;
  double confidence = 0.0;  // the record's overall confidence: its weakest present field
  ReviewState review = ReviewState::kAuto;

  Field& operator[](FieldId id) { return fields[static_cast<std::size_t>(id)]; }
  const Field& operator[](FieldId id) const { return fields[static_cast<std::size_t>(id)]; }
  // Convenience: the normalised value or empty.
  const std::string& value(FieldId id) const { return (*this)[id].value; }
  std::optional<int> birth_year() const;
};

// Deterministic id for the n-th record (1-based) of a page of a master file, so
// that re-ingesting the same file yields the same ids.
std::string MakeRecordId(std::string_view sha256, int page, int ordinal);

// Sets record.confidence to the weakest present field.
void UpdateRecordConfidence(Record& record);

}  // namespace sovang
