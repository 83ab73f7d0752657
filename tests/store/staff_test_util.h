#pragma once
// Helpers of the staff-module store tests: an archive in a temp dir with
// award records typed in (no source file), and fast password hashing.

#include <memory>
#include <string>

#include "core/error.h"
#include "core/record.h"
#include "store/database.h"
#include "store/records.h"
#include "store/staff_users.h"
#include "store_test_util.h"

namespace sovang::store::testing {

inline const StaffUsersOptions kFastUsers{{crypto::PasswordStrength::kMinimum}};

struct AwardSpec {
  std::string id;
  std::string name = "Nguyễn Văn Thạch";
  std::string award = "Huân chương Kháng chiến hạng Nhất";
  std::string award_code = "HCKC-CP-1";
  std::string decision = "543/QĐ-CTN";
  std::string date = "1975-08-10";
  std::string book = "73372";
};

inline Record AwardRecord(const AwardSpec& spec) {
  Record r;
  r.id = spec.id;
  r.kind = PageKind::kLedger;
  auto set = [&r](FieldId id, const std::string& v) {
    r[id].verbatim = v;
    r[id].value = v;
    r[id].confidence = 0.9;
  };
  set(FieldId::kFullName, spec.name);
  set(FieldId::kGender, "nam");
  set(FieldId::kBirthYear, "1932");
  set(FieldId::kCommune, "Lộc Yên");
  set(FieldId::kDistrict, "Cao Lộc");
  set(FieldId::kProvince, "Lạng Sơn");
  set(FieldId::kAward, spec.award);
  set(FieldId::kAwardCode, spec.award_code);
  set(FieldId::kDecisionNumber, spec.decision);
  set(FieldId::kDecisionDate, spec.date);
  set(FieldId::kAuthority, "Chủ tịch nước");
  set(FieldId::kBookNumber, spec.book);
  UpdateRecordConfidence(r);
  return r;
}

// An archive in a temp dir, open for writing.
struct StaffArchive {
  TempDir dir;
  Database db = Database::Open(dir / "sovang.db");

  void Put(const AwardSpec& spec) { Records(db).Put(AwardRecord(spec)); }
};

// Runs `fn` and returns the code of the sovang::Error it throws (and its message).
template <typename Fn>
Errc ThrownCode(Fn&& fn, std::string* message = nullptr) {
  try {
    fn();
  } catch (const Error& e) {
    if (message) *message = e.what();
    return e.code();
  }
  return Errc::kInternal;  // nothing thrown: never what a test expects
}

}  // namespace sovang::store::testing
