#pragma once
// Helpers of the store tests: a temporary directory per test, and records
// with every field set.

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "core/record.h"

namespace sovang::store::testing {

// A fresh directory, removed with everything in it when the test ends.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("sovang-store-test-" + std::to_string(random()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline void WriteFile(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
}

// A copy of the repository's migrations, to add to or break.
inline std::filesystem::path CopyMigrations(const TempDir& dir) {
  const std::filesystem::path to = dir / "migrations";
  std::filesystem::create_directories(to);
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(SOVANG_SOURCE_DIR) / "schemas/migrations"))
    if (entry.path().extension() == ".sql") std::filesystem::copy_file(entry.path(), to / entry.path().filename());
  return to;
}

// How many migrations the repository has (and so the binary embeds).
inline int MigrationCount() {
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(SOVANG_SOURCE_DIR) / "schemas/migrations"))
    if (entry.path().extension() == ".sql") ++n;
  return n;
}

// 64 hex digits made from `seed`, a valid source fingerprint.
inline std::string FakeSha(int seed) {
  static const char kHex[] = "0123456789abcdef";
  std::string sha(64, '0');
  std::mt19937 gen(static_cast<unsigned>(seed));
  for (char& c : sha) c = kHex[gen() % 16];
  return sha;
}

// A ledger record with every field, its verbatim text, confidence and box.
inline Record FullRecord(const std::string& sha256, std::int64_t page_id, int ordinal) {
  Record r;
  r.id = MakeRecordId(sha256, 1, ordinal);
  r.kind = PageKind::kLedger;
  const struct {
    FieldId id;
    const char* verbatim;
    const char* value;
  } fields[] = {
      {FieldId::kFullName, "NGUYỄN VĂN THẠCH", "Nguyễn Văn Thạch"},
      {FieldId::kGender, "Nam", "nam"},
      {FieldId::kBirthYear, "1932", "1932"},
      {FieldId::kCommune, "xã Lộc Yên", "Lộc Yên"},
      {FieldId::kDistrict, "huyện Cao Lộc", "Cao Lộc"},
      {FieldId::kProvince, "tỉnh Lạng Sơn", "Lạng Sơn"},
      {FieldId::kAward, "HC KC hạng Nhất", "Huân chương Kháng chiến hạng Nhất"},
      {FieldId::kAwardCode, "", "hckc-1"},
      {FieldId::kDecisionNumber, "543/QĐ-CTN", "543/QĐ-CTN"},
      {FieldId::kDecisionDate, "10/8/1975", "1975-08-10"},
      {FieldId::kAuthority, "Chủ tịch nước", "Chủ tịch nước"},
      {FieldId::kBookNumber, "73372", "73372"},
  };
  int i = 0;
  for (const auto& f : fields) {
    Field& field = r[f.id];
    field.verbatim = f.verbatim;
    field.value = f.value;
    field.confidence = 0.5 + 0.04 * i;  // a REAL reads back bit for bit
    field.box = Box{100 + 10 * i, 200 + ordinal, 50 + i, 20};
    ++i;
  }
  r[FieldId::kBookNumber].value = std::to_string(73000 + ordinal);
  r.source.file = "p004_ledger.tif";
  r.source.sha256 = sha256;
  r.source.page = 1;
  r.source.row = 0;
  r.source.page_id = page_id;
  r.source.bbox = Box{90, 190 + ordinal, 1500, 40};
  UpdateRecordConfidence(r);
  r.review = ReviewState::kNeedsReview;
  return r;
}

}  // namespace sovang::store::testing
