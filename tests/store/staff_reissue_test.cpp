#include <catch2/catch.hpp>

#include "staff_test_util.h"
#include "store/audit.h"
#include "store/certificates.h"
#include "store/reissue.h"

using namespace sovang;
using namespace sovang::store;
using namespace sovang::store::testing;

namespace {

const Actor kClerk{1, "lan", "archivist"};
const Actor kVerifier{2, "hoa", "verifier"};
const Actor kApprover{3, "hung", "approver"};
const Actor kApprover2{4, "minh", "approver"};

NewReissueRequest Lost(const std::string& record_id, const std::string& received_on = "2023-06-01") {
  return {record_id, "cap_lai", "Bằng bị mất khi chuyển nhà", "Nguyễn Văn Hùng", "con", received_on};
}

}  // namespace

TEST_CASE("A reissue request goes from received to issued and replaces the certificate", "[store][reissue]") {
  StaffArchive archive;
  archive.Put({"r1"});
  const Certificate original = Certificates(archive.db).EnsureOriginal("r1");
  ReissueRequests requests(archive.db);

  const ReissueRequest filed = requests.File(Lost("r1"), kClerk);
  CHECK(filed.id > 0);
  CHECK(filed.status == "received");
  CHECK(filed.rule_id == "truoc-2024");
  CHECK(filed.forward_due == "2023-06-16");
  CHECK(filed.due_date == "2023-07-16");
  CHECK(filed.filed_by_name == "lan");

  CHECK(requests.Verify(filed.id, kVerifier).status == "verified");
  CHECK(requests.Approve(filed.id, kApprover, "đủ hồ sơ").status == "approved");
  const ReissueRequests::Issued issued = requests.Issue(filed.id, kApprover2);
  CHECK(issued.request.status == "issued");
  CHECK(issued.request.certificate_id == issued.certificate.id);
  CHECK(issued.certificate.kind == "reissue");
  CHECK(issued.certificate.reissue_request_id == filed.id);
  CHECK(issued.certificate.supersedes_id == original.id);

  Certificates certificates(archive.db);
  CHECK(certificates.VerifyCode(original.code).status == "superseded");
  CHECK(certificates.VerifyCode(issued.certificate.code).status == "valid");
  CHECK(certificates.OfRequest(filed.id)->code == issued.certificate.code);

  std::vector<std::string> actions;
  for (const auto& row : AuditLog(archive.db).OfRecord("r1")) actions.push_back(row.entry.action);
  CHECK(actions == std::vector<std::string>{"certificate.register", "reissue.file", "reissue.verify", "reissue.approve",
                                            "certificate.supersede", "certificate.issue", "reissue.issue"});
  CHECK(VerifyAuditChain(archive.db).ok());
  const nlohmann::json j = ReissueRequestToJson(issued.request, "2023-06-02");
  CHECK(j["status"] == "issued");
  CHECK(j["overdue"] == false);
}

TEST_CASE("The approver may not be the one who filed the request", "[store][reissue]") {
  StaffArchive archive;
  archive.Put({"r1"});
  ReissueRequests requests(archive.db);
  // An approver who also files (role changed since, say): same user id.
  const Actor filer{5, "tam", "verifier"};
  const Actor same_person_as_approver{5, "tam", "approver"};
  const ReissueRequest r = requests.File(Lost("r1"), filer);
  requests.Verify(r.id, filer);
  std::string message;
  CHECK(ThrownCode([&] { requests.Approve(r.id, same_person_as_approver); }, &message) == Errc::kPermissionDenied);
  CHECK(message.find("người lập hồ sơ") != std::string::npos);
  CHECK(ThrownCode([&] { requests.Reject(r.id, same_person_as_approver); }) == Errc::kPermissionDenied);
  CHECK(requests.Get(r.id)->status == "verified");
  requests.Approve(r.id, kApprover);
  CHECK(ThrownCode([&] { requests.Issue(r.id, same_person_as_approver); }) == Errc::kPermissionDenied);
  CHECK(requests.Issue(r.id, kApprover).request.status == "issued");
}

TEST_CASE("Each step needs its role", "[store][reissue]") {
  StaffArchive archive;
  archive.Put({"r1"});
  ReissueRequests requests(archive.db);
  const Actor admin{9, "root", "admin"};
  CHECK(ThrownCode([&] { requests.File(Lost("r1"), kApprover); }) == Errc::kPermissionDenied);
  CHECK(ThrownCode([&] { requests.File(Lost("r1"), admin); }) == Errc::kPermissionDenied);
  CHECK(ThrownCode([&] { requests.File(Lost("r1"), SystemActor("cli")); }) == Errc::kPermissionDenied);
  const ReissueRequest r = requests.File(Lost("r1"), kVerifier);
  CHECK(ThrownCode([&] { requests.Verify(r.id, kApprover); }) == Errc::kPermissionDenied);
  requests.Verify(r.id, kClerk);
  CHECK(ThrownCode([&] { requests.Approve(r.id, kVerifier); }) == Errc::kPermissionDenied);
  CHECK(ThrownCode([&] { requests.Approve(r.id, admin); }) == Errc::kPermissionDenied);
  requests.Approve(r.id, kApprover);
  CHECK(ThrownCode([&] { requests.Issue(r.id, kClerk); }) == Errc::kPermissionDenied);
}

TEST_CASE("A transition that does not fit the current status is a conflict", "[store][reissue]") {
  StaffArchive archive;
  archive.Put({"r1"});
  ReissueRequests requests(archive.db);
  const ReissueRequest r = requests.File(Lost("r1"), kClerk);
  CHECK(ThrownCode([&] { requests.Approve(r.id, kApprover); }) == Errc::kConflict);  // not verified yet
  CHECK(ThrownCode([&] { requests.Issue(r.id, kApprover); }) == Errc::kConflict);
  requests.Verify(r.id, kVerifier);
  CHECK(ThrownCode([&] { requests.Verify(r.id, kVerifier); }) == Errc::kConflict);
  CHECK(requests.Reject(r.id, kApprover, "không tìm thấy quyết định").status == "rejected");
  for (auto step : {+[](ReissueRequests&q, std::int64_t id) { q.Verify(id, kVerifier); },
                    +[](ReissueRequests&q, std::int64_t id) { q.Approve(id, kApprover); },
                    +[](ReissueRequests&q, std::int64_t id) { q.Reject(id, kApprover); },
                    +[](ReissueRequests&q, std::int64_t id) { q.Issue(id, kApprover); }}) {
    std::string message;
    CHECK(ThrownCode([&] { step(requests, r.id); }, &message) == Errc::kConflict);
    CHECK(message.find("đã từ chối") != std::string::npos);
  }
  CHECK(ThrownCode([&] { requests.Verify(999, kVerifier); }) == Errc::kNotFound);
}

TEST_CASE("Awards with no reissue path are refused with the catalog's Vietnamese reason", "[store][reissue]") {
  StaffArchive archive;
  archive.Put({"g1", "Nguyễn Thị Lan", "Bảng gia đình vẻ vang", "BGDVV"});
  archive.Put({"g2", "Trần Văn Nam", "Huân chương Giải phóng hạng Nhất", ""});  // by printed name only
  archive.Put({"d1", "Lê Văn Dũng", "Dũng sĩ diệt Mỹ", "DS-DM"});
  ReissueRequests requests(archive.db);
  for (const char* id : {"g1", "g2", "d1"}) {
    INFO(id);
    std::string message;
    CHECK(ThrownCode([&] { requests.File(Lost(id), kClerk); }, &message) == Errc::kConflict);
    const bool says_why = message.find("không có thủ tục cấp đổi, cấp lại") != std::string::npos ||
                          message.find("không cấp đổi, cấp lại") != std::string::npos;
    CHECK(says_why);
  }
  CHECK(requests.List().empty());
  CHECK(AuditLog(archive.db).Recent().empty());
}

TEST_CASE("Filing checks the request itself", "[store][reissue]") {
  StaffArchive archive;
  archive.Put({"r1"});
  ReissueRequests requests(archive.db);
  NewReissueRequest bad_kind = Lost("r1");
  bad_kind.kind = "cap_moi";
  NewReissueRequest no_applicant = Lost("r1");
  no_applicant.applicant_name = "  ";
  NewReissueRequest bad_date = Lost("r1");
  bad_date.received_on = "2023-02-30";
  CHECK(ThrownCode([&] { requests.File(bad_kind, kClerk); }) == Errc::kInvalidArgument);
  CHECK(ThrownCode([&] { requests.File(no_applicant, kClerk); }) == Errc::kInvalidArgument);
  CHECK(ThrownCode([&] { requests.File(bad_date, kClerk); }) == Errc::kInvalidArgument);
  CHECK(ThrownCode([&] { requests.File(Lost("nope"), kClerk); }) == Errc::kNotFound);
}

TEST_CASE("Due dates come from the rule in force on the day a request was received", "[store][reissue]") {
  const ReissueRules rules = ReissueRules::FromJson(nlohmann::json::parse(R"({"rules": [
      {"id": "old", "valid_from": "2014-01-01", "valid_to": "2024-01-01", "forward_days": 15, "answer_days": 30},
      {"id": "mid", "valid_from": "2024-01-01", "valid_to": "2025-07-01", "forward_days": 10, "answer_days": 20,
       "day_kind": "working"},
      {"id": "new", "valid_from": "2025-07-01", "valid_to": null, "forward_days": 5, "answer_days": 7}]})"));
  const struct {
    std::string received, rule, forward_due, due_date;
  } cases[] = {
      {"2023-12-31", "old", "2024-01-15", "2024-02-14"},
      {"2024-01-01", "mid", "2024-01-15", "2024-02-12"},  // Monday + 10 working days; + 20 more
      {"2025-06-30", "mid", "2025-07-14", "2025-08-11"},
      {"2025-07-01", "new", "2025-07-06", "2025-07-13"},
  };
  StaffArchive archive;
  archive.Put({"r1"});
  ReissueRequests requests(archive.db, rules);
  for (const auto& c : cases) {
    INFO(c.received);
    const ReissueRequest r = requests.File(Lost("r1", c.received), kClerk);
    CHECK(r.rule_id == c.rule);
    CHECK(r.forward_due == c.forward_due);
    CHECK(r.due_date == c.due_date);
  }
  CHECK(ThrownCode([&] { rules.For("2013-12-31"); }) == Errc::kNotFound);
  CHECK_THROWS_AS(ReissueRules::FromJson(nlohmann::json::parse(R"({"rules": [
      {"id": "a", "valid_from": "2014-01-01", "valid_to": "2025-01-01", "forward_days": 1, "answer_days": 1},
      {"id": "b", "valid_from": "2024-01-01", "forward_days": 1, "answer_days": 1}]})")),
                  Error);
}

TEST_CASE("The shipped rule table covers the decree changes of 2024 and July 2025", "[store][reissue]") {
  const ReissueRules& rules = ReissueRules::Default();
  CHECK(rules.For("2020-05-05").forward_days == 15);
  CHECK(rules.For("2020-05-05").answer_days == 30);
  CHECK(rules.For("2023-12-31").id != rules.For("2024-01-01").id);
  CHECK(rules.For("2025-06-30").id != rules.For("2025-07-01").id);
  CHECK_NOTHROW(rules.For("2031-01-01"));
}

TEST_CASE("The queue lists by status and finds overdue requests", "[store][reissue]") {
  StaffArchive archive;
  archive.Put({"r1"});
  archive.Put({"r2"});
  ReissueRequests requests(archive.db);
  const ReissueRequest a = requests.File(Lost("r1", "2023-01-02"), kClerk);  // forward by 2023-01-17
  const ReissueRequest b = requests.File(Lost("r2", "2023-03-01"), kClerk);  // forward by 2023-03-16
  const ReissueRequest c = requests.File(Lost("r1", "2023-01-05"), kClerk);
  requests.Verify(c.id, kVerifier);
  requests.Reject(c.id, kApprover);

  CHECK(requests.List({"received"}).size() == 2);
  CHECK(requests.List({"rejected"}).size() == 1);
  CHECK(requests.List().size() == 3);
  CHECK(requests.List({.record_id = "r2"}).size() == 1);

  const auto overdue = requests.List({.overdue_only = true, .today = "2023-02-01"});
  REQUIRE(overdue.size() == 1);
  CHECK(overdue[0].id == a.id);
  CHECK(requests.List({.overdue_only = true, .today = "2023-01-17"}).empty());
  CHECK(requests.List({.overdue_only = true, .today = "2023-12-01"}).size() == 2);
  CHECK(ReissueRequestToJson(*requests.Get(b.id), "2023-03-17")["overdue"] == true);
  CHECK(ReissueRequestToJson(*requests.Get(b.id), "2023-03-16")["overdue"] == false);
}
