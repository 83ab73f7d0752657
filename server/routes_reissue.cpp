// The reissue group: requests to exchange or replace a certificate, their
// transitions, the reissued certificate as a PDF, and the confirmation letter
// (giấy chứng nhận đã được khen thưởng) of a record.

#include <algorithm>

#include "core/error.h"
#include "core/record.h"
#include "render/documents.h"
#include "server/auth.h"
#include "server/route_groups.h"
#include "store/certificates.h"
#include "store/records.h"
#include "store/reissue.h"
#include "store/reissue_rules.h"

namespace sovang::server {

namespace {

constexpr const char* kPdf = "application/pdf";

std::string VerifyUrl(const AppContext& app, const std::string& code) {
  return app.options().public_url + "/verify/" + code;
}

// The Vietnamese calendar date of a UTC timestamp "2025-03-01T20:15:00.000Z".
std::string VietnamDateOf(const std::string& utc_timestamp) {
  if (utc_timestamp.size() < 13 || utc_timestamp[10] != 'T') return utc_timestamp.substr(0, 10);
  const int hour = std::stoi(utc_timestamp.substr(11, 2));
  const std::string date = utc_timestamp.substr(0, 10);
  return hour + 7 >= 24 ? store::AddDays(date, 1) : date;
}

// "Lộc Yên, Cao Lộc, Lạng Sơn" from the parts a record has.
std::string Hometown(const Record& r) {
  std::string out;
  for (FieldId id : {FieldId::kCommune, FieldId::kDistrict, FieldId::kProvince}) {
    if (r.value(id).empty()) continue;
    out += (out.empty() ? "" : ", ") + r.value(id);
  }
  return out;
}

std::string IssuingOffice(const Record& r) {
  const std::string& province = r.value(FieldId::kProvince);
  return "Ban Thi đua - Khen thưởng" + (province.empty() ? std::string() : " tỉnh " + province);
}

Record RequireRecord(store::Database& db, const std::string& id) {
  std::optional<Record> record = store::Records(db).Get(id);
  if (!record) throw Error(Errc::kNotFound, "no record with id " + id);
  return std::move(*record);
}

nlohmann::json RequestJson(const AppContext& app, store::Database& db, const store::ReissueRequest& r) {
  nlohmann::json j = store::ReissueRequestToJson(r);
  if (std::optional<Record> record = store::Records(db).Get(r.record_id)) {
    j["record"] = {{"id", record->id},
                   {"full_name", record->value(FieldId::kFullName)},
                   {"award", record->value(FieldId::kAward)},
                   {"decision_number", record->value(FieldId::kDecisionNumber)},
                   {"decision_date", record->value(FieldId::kDecisionDate)}};
  }
  if (r.certificate_id) {
    if (std::optional<store::Certificate> c = store::Certificates(db).Get(r.certificate_id)) {
      j["certificate"] = store::CertificateToJson(*c);
      j["certificate"]["verify_url"] = VerifyUrl(app, c->code);
      j["certificate_pdf"] = "/api/reissue-requests/" + std::to_string(r.id) + "/certificate.pdf";
    }
  }
  return j;
}

void FileRequest(AppContext& app, const Request& req, Response& res) {
  const nlohmann::json body = req.Json();
  if (!body.is_object()) throw Error(Errc::kInvalidArgument, "the body must be a JSON object");
  store::NewReissueRequest in;
  in.record_id = StringMember(body, "record_id");
  in.kind = StringMember(body, "kind");
  in.reason = StringMember(body, "reason");
  in.applicant_name = StringMember(body, "applicant_name");
  in.applicant_relation = StringMember(body, "applicant_relation");
  in.received_on = StringMember(body, "received_on");
  if (in.record_id.empty()) throw Error(Errc::kInvalidArgument, "record_id is required");
  const store::Actor actor = ActorOf(req);
  nlohmann::json answer;
  app.Write([&](store::Database& db) {
    const store::ReissueRequest filed = store::ReissueRequests(db).File(in, actor);
    answer = RequestJson(app, db, filed);
  });
  res.Json(answer, 201);
  res.SetHeader("Location", "/api/reissue-requests/" + answer["id"].dump());
}

void ListRequests(AppContext& app, const Request& req, Response& res) {
  store::ReissueFilter filter;
  filter.status = req.Query("status").value_or("");
  const std::string overdue = req.Query("overdue").value_or("");
  filter.overdue_only = overdue == "1" || overdue == "true";
  filter.record_id = req.Query("record").value_or("");
  filter.limit = req.QueryInt("limit", 200, 1, 1000);
  static const char* kStatuses[] = {"", "received", "verified", "approved", "rejected", "issued"};
  if (std::find(std::begin(kStatuses), std::end(kStatuses), filter.status) == std::end(kStatuses)) {
    throw Error(Errc::kInvalidArgument, "unknown status '" + filter.status + "'");
  }
  nlohmann::json list = nlohmann::json::array();
  auto db = app.Reader();
  for (const store::ReissueRequest& r : store::ReissueRequests(*db).List(filter)) {
    list.push_back(RequestJson(app, *db, r));
  }
  res.Json({{"requests", list}, {"today", store::TodayInVietnam()}});
}

void GetRequest(AppContext& app, const Request& req, Response& res) {
  const std::int64_t id = req.PathParamId("id");
  auto db = app.Reader();
  std::optional<store::ReissueRequest> r = store::ReissueRequests(*db).Get(id);
  if (!r) throw Error(Errc::kNotFound, "no reissue request with id " + std::to_string(id));
  res.Json(RequestJson(app, *db, *r));
}

void Transition(AppContext& app, const Request& req, Response& res, const std::string& step) {
  const std::int64_t id = req.PathParamId("id");
  const std::string note = StringMember(OptionalJson(req), "note");
  const store::Actor actor = ActorOf(req);
  nlohmann::json answer;
  app.Write([&](store::Database& db) {
    store::ReissueRequests requests(db);
    store::ReissueRequest after;
    if (step == "verify") {
      after = requests.Verify(id, actor, note);
    } else if (step == "approve") {
      after = requests.Approve(id, actor, note);
    } else if (step == "reject") {
      after = requests.Reject(id, actor, note);
    } else {
      after = requests.Issue(id, actor).request;
    }
    answer = RequestJson(app, db, after);
  });
  res.Json(answer);
}

void CertificatePdf(AppContext& app, const Request& req, Response& res) {
  const std::int64_t id = req.PathParamId("id");
  render::CertificateDocument doc;
  {
    auto db = app.Reader();
    std::optional<store::ReissueRequest> r = store::ReissueRequests(*db).Get(id);
    if (!r) throw Error(Errc::kNotFound, "no reissue request with id " + std::to_string(id));
    std::optional<store::Certificate> c =
        r->certificate_id ? store::Certificates(*db).Get(r->certificate_id) : std::nullopt;
    if (!c) throw Error(Errc::kConflict, "hồ sơ số " + std::to_string(id) + " chưa được cấp bằng");
    const Record record = RequireRecord(*db, r->record_id);
    doc.authority = record.value(FieldId::kAuthority);
    doc.award = record.value(FieldId::kAward);
    doc.recipient = record.value(FieldId::kFullName);
    doc.gender = record.value(FieldId::kGender);
    doc.decision_number = record.value(FieldId::kDecisionNumber);
    doc.decision_date = record.value(FieldId::kDecisionDate);
    doc.book_number = record.value(FieldId::kBookNumber);
    doc.code = c->code;
    doc.verify_url = VerifyUrl(app, c->code);
    doc.kind = c->kind;
    doc.reissue_kind = r->kind;
    doc.issued_date = VietnamDateOf(c->issued_at);
    doc.issued_place = record.value(FieldId::kProvince);
  }
  res.Bytes(render::RenderCertificatePdf(doc), kPdf);
  res.SetHeader("Content-Disposition", "inline; filename=\"bang-cap-lai-" + std::to_string(id) + ".pdf\"");
}

void ConfirmationPdf(AppContext& app, const Request& req, Response& res) {
  const std::string id = req.PathParam("id");
  render::ConfirmationDocument doc;
  {
    auto db = app.Reader();
    const Record record = RequireRecord(*db, id);
    doc.issuing_office = IssuingOffice(record);
    doc.place = record.value(FieldId::kProvince);
    doc.issued_date = store::TodayInVietnam();
    doc.recipient = record.value(FieldId::kFullName);
    doc.gender = record.value(FieldId::kGender);
    doc.birth_year = record.value(FieldId::kBirthYear);
    doc.hometown = Hometown(record);
    doc.award = record.value(FieldId::kAward);
    doc.authority = record.value(FieldId::kAuthority);
    doc.decision_number = record.value(FieldId::kDecisionNumber);
    doc.decision_date = record.value(FieldId::kDecisionDate);
    doc.book_number = record.value(FieldId::kBookNumber);
    if (!record.source.file.empty()) {
      doc.archive_reference = record.source.file;
      if (record.source.page > 0) doc.archive_reference += ", trang " + std::to_string(record.source.page);
      if (record.source.row > 0) doc.archive_reference += ", dòng " + std::to_string(record.source.row);
    }
    doc.record_id = record.id;
    // The QR leads to the certificate in force, when the record has one.
    for (const store::Certificate& c : store::Certificates(*db).OfRecord(id)) {
      if (c.status == "valid") doc.verify_url = VerifyUrl(app, c.code);
    }
  }
  res.Bytes(render::RenderConfirmationPdf(doc), kPdf);
  res.SetHeader("Content-Disposition", "inline; filename=\"giay-chung-nhan-" + id + ".pdf\"");
}

}  // namespace

void RegisterReissueRoutes(Router& router, AppContext& app) {
  const Access filers = Access::Roles({Access::kArchivist, Access::kVerifier});
  const Access approvers = Access::Roles({Access::kApprover});

  router.Post("/api/reissue-requests", filers,
              [&app](const Request& req, Response& res) { FileRequest(app, req, res); });
  router.Get("/api/reissue-requests", Access::kAnyStaff,
             [&app](const Request& req, Response& res) { ListRequests(app, req, res); });
  router.Get("/api/reissue-requests/{id}", Access::kAnyStaff,
             [&app](const Request& req, Response& res) { GetRequest(app, req, res); });
  router.Post("/api/reissue-requests/{id}/verify", filers,
              [&app](const Request& req, Response& res) { Transition(app, req, res, "verify"); });
  for (const char* step : {"approve", "reject", "issue"}) {
    router.Post(
        "/api/reissue-requests/{id}/" + std::string(step), approvers,
        [&app, step = std::string(step)](const Request& req, Response& res) { Transition(app, req, res, step); });
  }
  router.Get("/api/reissue-requests/{id}/certificate.pdf", Access::kAnyStaff,
             [&app](const Request& req, Response& res) { CertificatePdf(app, req, res); });
  router.Get("/api/records/{id}/confirmation.pdf", Access::kAnyStaff,
             [&app](const Request& req, Response& res) { ConfirmationPdf(app, req, res); });
}

}  // namespace sovang::server
