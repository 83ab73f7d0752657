#include "store/reissue.h"

#include <algorithm>

#include "core/error.h"
#include "store/database_impl.h"
#include "text/normalize.h"

namespace sovang::store {

namespace {

using detail::kNow;
constexpr const char* kColumns =
    "id, record_id, kind, reason, applicant_name, applicant_relation, status, received_on, rule_id, forward_due, "
    "due_date, filed_by, filed_by_name, filed_at, verified_by, verified_at, decided_by, decided_at, decision_note, "
    "issued_by, issued_at, certificate_id, updated_at";
constexpr std::size_t kMaxTextBytes = 2000;

std::int64_t IntOr0(const Statement& st, int col) { return st.IsNull(col) ? 0 : st.Int(col); }

ReissueRequest ReadRequest(const Statement& st) {
  ReissueRequest r;
  int i = 0;
  r.id = st.Int(i++);
  r.record_id = st.Text(i++);
  r.kind = st.Text(i++);
  r.reason = st.Text(i++);
  r.applicant_name = st.Text(i++);
  r.applicant_relation = st.Text(i++);
  r.status = st.Text(i++);
  r.received_on = st.Text(i++);
  r.rule_id = st.Text(i++);
  r.forward_due = st.Text(i++);
  r.due_date = st.Text(i++);
  r.filed_by = IntOr0(st, i++);
  r.filed_by_name = st.Text(i++);
  r.filed_at = st.Text(i++);
  r.verified_by = IntOr0(st, i++);
  r.verified_at = st.Text(i++);
  r.decided_by = IntOr0(st, i++);
  r.decided_at = st.Text(i++);
  r.decision_note = st.Text(i++);
  r.issued_by = IntOr0(st, i++);
  r.issued_at = st.Text(i++);
  r.certificate_id = IntOr0(st, i++);
  r.updated_at = st.Text(i++);
  return r;
}

std::string StatusName(const std::string& status) {
  if (status == "received") return "đã tiếp nhận";
  if (status == "verified") return "đã xác minh";
  if (status == "approved") return "đã phê duyệt";
  if (status == "rejected") return "đã từ chối";
  if (status == "issued") return "đã cấp";
  return status;
}

std::string CleanText(const std::string& s, const char* what) {
  std::string clean = text::CollapseSpaces(text::Nfc(s));
  if (clean.size() > kMaxTextBytes) throw Error(Errc::kInvalidArgument, std::string(what) + " is too long");
  return clean;
}

void RequireRole(const Actor& actor, std::initializer_list<std::string_view> roles, const std::string& what) {
  if (std::find(roles.begin(), roles.end(), actor.role) == roles.end()) {
    std::string names;
    for (std::string_view r : roles) names += (names.empty() ? "" : ", ") + std::string(r);
    throw Error(Errc::kPermissionDenied, "vai trò '" + actor.role + "' không được " + what + " (cần: " + names + ")");
  }
}

// What the audit log keeps of a request: its state, not the whole row.
nlohmann::json AuditView(const ReissueRequest& r) {
  nlohmann::json j = {{"status", r.status},
                      {"kind", r.kind},
                      {"record_id", r.record_id},
                      {"applicant_name", r.applicant_name},
                      {"applicant_relation", r.applicant_relation},
                      {"reason", r.reason},
                      {"due_date", r.due_date}};
  if (!r.decision_note.empty()) j["decision_note"] = r.decision_note;
  if (r.certificate_id) j["certificate_id"] = r.certificate_id;
  return j;
}

}  // namespace

bool ReissueRequest::OverdueOn(const std::string& today) const {
  if (status == "received" || status == "verified") return forward_due < today;
  if (status == "approved") return due_date < today;
  return false;
}

std::optional<std::string> NoReissueReason(const AwardCatalog& catalog, const std::string& award_code,
                                           const std::string& award_name) {
  const AwardForm* form = award_code.empty() ? nullptr : catalog.ByCode(award_code);
  if (!form && !award_name.empty()) form = catalog.ByName(text::Nfc(award_name));
  if (!form || form->reissuable) return std::nullopt;
  if (!form->no_reissue_reason.empty()) return form->no_reissue_reason;
  return form->name + " không có thủ tục cấp đổi, cấp lại; chỉ có thể cấp giấy chứng nhận đã được khen thưởng.";
}

void ReissueRequests::CheckReissuable(const std::string& record_id) {
  Statement& st = db_.Prepare("SELECT award_code, award FROM records WHERE id = ?");
  std::string code, name;
  {
    detail::ResetOnExit reset(st);
    st.Bind(1, record_id);
    if (!st.Step()) throw Error(Errc::kNotFound, "no record with id " + record_id);
    code = st.Text(0);
    name = st.Text(1);
  }
  if (auto reason = NoReissueReason(catalog_, code, name)) throw Error(Errc::kConflict, *reason);
}

ReissueRequest ReissueRequests::File(const NewReissueRequest& in, const Actor& actor) {
  RequireRole(actor, {"verifier", "archivist"}, "lập hồ sơ cấp đổi, cấp lại");
  if (in.kind != "cap_doi" && in.kind != "cap_lai")
    throw Error(Errc::kInvalidArgument, "kind must be \"cap_doi\" or \"cap_lai\"");
  const std::string applicant = CleanText(in.applicant_name, "applicant_name");
  if (applicant.empty()) throw Error(Errc::kInvalidArgument, "applicant_name is required");
  const std::string relation = CleanText(in.applicant_relation, "applicant_relation");
  const std::string reason = CleanText(in.reason, "reason");
  const std::string received = in.received_on.empty() ? TodayInVietnam() : in.received_on;
  if (!IsIsoDate(received)) throw Error(Errc::kInvalidArgument, "received_on is not a date (YYYY-MM-DD)");
  const ReissueRule& rule = rules_.For(received);
  const std::string forward_due = AddDays(received, rule.forward_days, rule.working_days);
  const std::string due_date = AddDays(forward_due, rule.answer_days, rule.working_days);

  ReissueRequest created;
  db_.Transaction([&] {
    CheckReissuable(in.record_id);
    Statement& st = db_.Prepare(
        "INSERT INTO reissue_requests(record_id, kind, reason, applicant_name, applicant_relation, status, "
        "received_on, rule_id, forward_due, due_date, filed_by, filed_by_name, filed_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, " +
        std::string(kNow) + ", " + kNow + ") RETURNING " + kColumns);
    {
      detail::ResetOnExit reset(st);
      st.Bind(1, in.record_id).Bind(2, in.kind).Bind(3, reason).Bind(4, applicant).Bind(5, relation);
      st.Bind(6, received).Bind(7, rule.id).Bind(8, forward_due).Bind(9, due_date);
      st.Bind(10, actor.user_id).Bind(11, actor.name);
      st.Step();
      created = ReadRequest(st);
    }
    AuditLog(db_).Append(actor, {"reissue.file", "reissue_request", std::to_string(created.id), created.record_id,
                                 nullptr, AuditView(created)});
  });
  return created;
}

ReissueRequest ReissueRequests::Require(std::int64_t id) {
  std::optional<ReissueRequest> r = Get(id);
  if (!r) throw Error(Errc::kNotFound, "no reissue request with id " + std::to_string(id));
  return *r;
}

ReissueRequest ReissueRequests::Transition(std::int64_t id, const Actor& actor, const std::string& action,
                                           const std::vector<std::string>& from, const std::string& to,
                                           const std::string& note) {
  const std::string clean_note = CleanText(note, "note");
  ReissueRequest after;
  db_.Transaction([&] {
    const ReissueRequest before = Require(id);
    if (std::find(from.begin(), from.end(), before.status) == from.end()) {
      throw Error(Errc::kConflict, "hồ sơ số " + std::to_string(id) + " " + StatusName(before.status) + ": không thể " +
                                       action + " ở trạng thái này");
    }
    if (to == "verified") {
      db_.Prepare("UPDATE reissue_requests SET status = ?, verified_by = ?, verified_at = " + std::string(kNow) +
                  ", decision_note = coalesce(nullif(?, ''), decision_note), updated_at = " + kNow + " WHERE id = ?")
          .Bind(1, to)
          .Bind(2, actor.user_id)
          .Bind(3, clean_note)
          .Bind(4, id)
          .Run();
    } else {
      // approve, reject: the approver decides, and never on a request of their own.
      if (actor.user_id == before.filed_by) {
        throw Error(Errc::kPermissionDenied,
                    "người lập hồ sơ không được tự " + action + " (hồ sơ số " + std::to_string(id) + ")");
      }
      if (to == "approved") CheckReissuable(before.record_id);
      db_.Prepare("UPDATE reissue_requests SET status = ?, decided_by = ?, decided_at = " + std::string(kNow) +
                  ", decision_note = ?, updated_at = " + kNow + " WHERE id = ?")
          .Bind(1, to)
          .Bind(2, actor.user_id)
          .Bind(3, clean_note)
          .Bind(4, id)
          .Run();
    }
    after = Require(id);
    AuditLog(db_).Append(
        actor, {"reissue." + std::string(to == "verified"   ? "verify"
                                         : to == "approved" ? "approve"
                                                            : "reject"),
                "reissue_request", std::to_string(id), before.record_id, AuditView(before), AuditView(after)});
  });
  return after;
}

ReissueRequest ReissueRequests::Verify(std::int64_t id, const Actor& actor, const std::string& note) {
  RequireRole(actor, {"verifier", "archivist"}, "xác minh hồ sơ");
  return Transition(id, actor, "xác minh", {"received"}, "verified", note);
}

ReissueRequest ReissueRequests::Approve(std::int64_t id, const Actor& actor, const std::string& note) {
  RequireRole(actor, {"approver"}, "phê duyệt hồ sơ");
  return Transition(id, actor, "phê duyệt", {"verified"}, "approved", note);
}

ReissueRequest ReissueRequests::Reject(std::int64_t id, const Actor& actor, const std::string& note) {
  RequireRole(actor, {"approver"}, "từ chối hồ sơ");
  return Transition(id, actor, "từ chối", {"received", "verified", "approved"}, "rejected", note);
}

ReissueRequests::Issued ReissueRequests::Issue(std::int64_t id, const Actor& actor) {
  RequireRole(actor, {"approver"}, "cấp bằng");
  Issued issued;
  db_.Transaction([&] {
    const ReissueRequest before = Require(id);
    if (before.status != "approved") {
      throw Error(Errc::kConflict, "hồ sơ số " + std::to_string(id) + " " + StatusName(before.status) +
                                       ": chỉ cấp bằng cho hồ sơ đã phê duyệt");
    }
    if (actor.user_id == before.filed_by) {
      throw Error(Errc::kPermissionDenied,
                  "người lập hồ sơ không được tự cấp bằng (hồ sơ số " + std::to_string(id) + ")");
    }
    CheckReissuable(before.record_id);
    issued.certificate = Certificates(db_).IssueReissue(before.record_id, id, actor);
    db_.Prepare("UPDATE reissue_requests SET status = 'issued', issued_by = ?, issued_at = " + std::string(kNow) +
                ", certificate_id = ?, updated_at = " + kNow + " WHERE id = ?")
        .Bind(1, actor.user_id)
        .Bind(2, issued.certificate.id)
        .Bind(3, id)
        .Run();
    issued.request = Require(id);
    AuditLog(db_).Append(actor, {"reissue.issue", "reissue_request", std::to_string(id), before.record_id,
                                 AuditView(before), AuditView(issued.request)});
  });
  return issued;
}

std::optional<ReissueRequest> ReissueRequests::Get(std::int64_t id) {
  Statement& st = db_.Prepare("SELECT " + std::string(kColumns) + " FROM reissue_requests WHERE id = ?");
  detail::ResetOnExit reset(st);
  st.Bind(1, id);
  if (!st.Step()) return std::nullopt;
  return ReadRequest(st);
}

std::vector<ReissueRequest> ReissueRequests::List(const ReissueFilter& filter) {
  const std::string today = filter.today.empty() ? TodayInVietnam() : filter.today;
  Statement& st = db_.Prepare(
      "SELECT " + std::string(kColumns) +
      " FROM reissue_requests WHERE (?1 = '' OR status = ?1) AND (?2 = '' OR record_id = ?2) AND (?3 = 0 OR "
      "(status IN ('received', 'verified') AND forward_due < ?4) OR (status = 'approved' AND due_date < ?4)) "
      "ORDER BY CASE WHEN status IN ('received', 'verified') THEN forward_due ELSE due_date END, id LIMIT ?5");
  detail::ResetOnExit reset(st);
  st.Bind(1, filter.status).Bind(2, filter.record_id).Bind(3, filter.overdue_only ? 1 : 0).Bind(4, today);
  st.Bind(5, filter.limit);
  std::vector<ReissueRequest> list;
  while (st.Step()) list.push_back(ReadRequest(st));
  return list;
}

nlohmann::json ReissueRequestToJson(const ReissueRequest& r, const std::string& today) {
  auto or_null = [](const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); };
  auto id_or_null = [](std::int64_t v) { return v ? nlohmann::json(v) : nlohmann::json(); };
  return {{"id", r.id},
          {"record_id", r.record_id},
          {"kind", r.kind},
          {"reason", r.reason},
          {"applicant_name", r.applicant_name},
          {"applicant_relation", r.applicant_relation},
          {"status", r.status},
          {"received_on", r.received_on},
          {"rule", r.rule_id},
          {"forward_due", r.forward_due},
          {"due_date", r.due_date},
          {"overdue", r.OverdueOn(today.empty() ? TodayInVietnam() : today)},
          {"filed_by", r.filed_by_name},
          {"filed_at", r.filed_at},
          {"verified_at", or_null(r.verified_at)},
          {"decided_at", or_null(r.decided_at)},
          {"decision_note", or_null(r.decision_note)},
          {"issued_at", or_null(r.issued_at)},
          {"certificate_id", id_or_null(r.certificate_id)},
          {"updated_at", r.updated_at}};
}

}  // namespace sovang::store
