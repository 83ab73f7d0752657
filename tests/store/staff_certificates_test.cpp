#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>

#include "crypto/verification_code.h"
#include "staff_test_util.h"
#include "store/audit.h"
#include "store/certificates.h"

using namespace sovang;
using namespace sovang::store;
using namespace sovang::store::testing;

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string WithoutDashes(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  return s;
}

}  // namespace

TEST_CASE("Every award record gets one original certificate, idempotently and audited", "[store][certificates]") {
  StaffArchive archive;
  archive.Put({"r1"});
  Certificates certificates(archive.db);
  const Certificate first = certificates.EnsureOriginal("r1");
  CHECK(first.kind == "original");
  CHECK(first.status == "valid");
  CHECK(crypto::ParseVerificationCode(first.code) == first.code);
  const Certificate again = certificates.EnsureOriginal("r1");
  CHECK(again.id == first.id);
  CHECK(again.code == first.code);
  CHECK(certificates.OfRecord("r1").size() == 1);
  CHECK(ThrownCode([&] { certificates.EnsureOriginal("missing"); }) == Errc::kNotFound);

  const auto audit = AuditLog(archive.db).OfRecord("r1");
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].entry.action == "certificate.register");
  CHECK(audit[0].actor == "system:ingest");

  const nlohmann::json j = CertificateToJson(first);
  CHECK(j["code"] == first.code);
  CHECK(j["kind"] == "original");
  CHECK(j["status"] == "valid");
}

TEST_CASE("Verifying a code answers only what the certificate prints", "[store][certificates]") {
  StaffArchive archive;
  archive.Put({"r1"});
  Certificates certificates(archive.db);
  const Certificate c = certificates.EnsureOriginal("r1");

  for (const std::string& typed : {c.code, Lower(c.code), WithoutDashes(c.code), " " + Lower(WithoutDashes(c.code))}) {
    INFO(typed);
    const Verification v = certificates.VerifyCode(typed);
    CHECK(v.status == "valid");
    CHECK(v.code == c.code);
  }
  const Verification v = certificates.VerifyCode(c.code);
  const nlohmann::json j = VerificationToJson(v);
  CHECK(j["status"] == "valid");
  CHECK(j["certificate"]["code"] == c.code);
  CHECK(j["certificate"]["kind"] == "original");
  CHECK(j["recipient"] == "Nguyễn Văn Thạch");
  CHECK(j["award"] == "Huân chương Kháng chiến hạng Nhất");
  CHECK(j["decision_number"] == "543/QĐ-CTN");
  CHECK(j["decision_date"] == "1975-08-10");
  CHECK(j["authority"] == "Chủ tịch nước");
  // Nothing else about the person: no birth year, no hometown, no record id.
  const std::string text = j.dump();
  for (const char* secret : {"1932", "Lộc Yên", "Cao Lộc", "Lạng Sơn", "r1", "birth", "commune"}) {
    INFO(secret);
    CHECK(text.find(secret) == std::string::npos);
  }
  CHECK(j.size() == 7);
}

TEST_CASE("Unknown, malformed and mistyped codes read unknown", "[store][certificates]") {
  StaffArchive archive;
  archive.Put({"r1"});
  Certificates certificates(archive.db);
  const Certificate c = certificates.EnsureOriginal("r1");
  std::string wrong = c.code;
  wrong[0] = wrong[0] == '7' ? '8' : '7';
  for (const std::string& typed : {std::string(), std::string("hello"), wrong, crypto::GenerateVerificationCode()}) {
    INFO(typed);
    const Verification v = certificates.VerifyCode(typed);
    CHECK(v.status == "unknown");
    const nlohmann::json j = VerificationToJson(v);
    CHECK(j["certificate"].is_null());
    CHECK(j["recipient"].is_null());
  }
}

TEST_CASE("A reissue supersedes the certificates before it and both stay verifiable", "[store][certificates]") {
  StaffArchive archive;
  archive.Put({"r1"});
  Certificates certificates(archive.db);
  const Certificate original = certificates.EnsureOriginal("r1");
  const Certificate first = certificates.IssueReissue("r1", 0, Actor{3, "hung", "approver"});
  CHECK(first.kind == "reissue");
  CHECK(first.status == "valid");
  CHECK(first.supersedes_id == original.id);
  CHECK(certificates.VerifyCode(original.code).status == "superseded");
  CHECK(certificates.VerifyCode(first.code).status == "valid");

  const Certificate second = certificates.IssueReissue("r1", 0, Actor{3, "hung", "approver"});
  CHECK(second.supersedes_id == first.id);
  CHECK(certificates.VerifyCode(first.code).status == "superseded");
  const auto all = certificates.OfRecord("r1");
  REQUIRE(all.size() == 3);
  CHECK(std::count_if(all.begin(), all.end(), [](const Certificate& c) { return c.status == "valid"; }) == 1);

  certificates.Revoke(second.id, "cấp nhầm", Actor{1, "root", "admin"});
  CHECK(certificates.VerifyCode(second.code).status == "revoked");
  CHECK(ThrownCode([&] { certificates.Revoke(second.id, "again", Actor{1, "root", "admin"}); }) == Errc::kConflict);

  std::vector<std::string> actions;
  for (const auto& row : AuditLog(archive.db).OfRecord("r1")) actions.push_back(row.entry.action);
  CHECK(actions == std::vector<std::string>{"certificate.register", "certificate.supersede", "certificate.issue",
                                            "certificate.supersede", "certificate.issue", "certificate.revoke"});
}

TEST_CASE("An original paper certificate verifies by the numbers it prints", "[store][certificates]") {
  StaffArchive archive;
  archive.Put({"r1"});
  archive.Put(
      {"r2", "Hoàng Thị Ánh", "Huy chương Kháng chiến hạng Nhì", "HCKC-CP-HUY-2", "803/QĐ-CTN", "1986-12-31", "12045"});
  Certificates certificates(archive.db);
  certificates.EnsureOriginal("r1");
  certificates.EnsureOriginal("r2");

  const struct {
    std::string decision, date, book, status, recipient;
  } cases[] = {
      {"543/QĐ-CTN", "1975-08-10", "73372", "valid", "Nguyễn Văn Thạch"},
      {"543 QD CTN", "10/8/1975", " 73372 ", "valid", "Nguyễn Văn Thạch"},
      {"543-qđ/ctn", "ngày 10 tháng 8 năm 1975", "073372", "valid", "Nguyễn Văn Thạch"},
      {"803/QĐ-CTN", "31.12.1986", "12045", "valid", "Hoàng Thị Ánh"},
      {"543/QĐ-CTN", "1975-08-11", "73372", "unknown", ""},  // wrong date
      {"543/QĐ-CTN", "1975-08-10", "73373", "unknown", ""},  // wrong book
      {"544/QĐ-CTN", "1975-08-10", "73372", "unknown", ""},  // wrong number
      {"", "", "", "unknown", ""},
  };
  for (const auto& c : cases) {
    INFO(c.decision << " | " << c.date << " | " << c.book);
    const Verification v = certificates.VerifyNumbers(c.decision, c.date, c.book);
    CHECK(v.status == c.status);
    CHECK(v.recipient == c.recipient);
    CHECK(v.code.empty());  // numbers never reveal the code
  }

  certificates.IssueReissue("r1", 0, Actor{3, "hung", "approver"});
  CHECK(certificates.VerifyNumbers("543/QĐ-CTN", "1975-08-10", "73372").status == "superseded");
}

TEST_CASE("Numbers shared by two different people verify as unknown; one award on two pages counts once",
          "[store][certificates]") {
  StaffArchive archive;
  archive.Put({"a1"});
  archive.Put({"a2"});  // the same award on an annex list
  archive.Put({"b1", "Lương Văn Sầm", "Huân chương Kháng chiến hạng Ba", "HCKC-CP-3", "17-TTg", "1960-05-01", "5"});
  archive.Put({"b2", "Bế Thị Slương", "Huân chương Kháng chiến hạng Ba", "HCKC-CP-3", "17-TTg", "1960-05-01", "5"});
  Certificates certificates(archive.db);
  CHECK(certificates.VerifyNumbers("543/QĐ-CTN", "1975-08-10", "73372").status == "valid");
  CHECK(certificates.VerifyNumbers("17/TTg", "1960-05-01", "5").status == "unknown");
}
