#include "store/certificates.h"

#include <algorithm>

#include "core/decision_number.h"
#include "core/error.h"
#include "crypto/hash.h"
#include "crypto/verification_code.h"
#include "store/database_impl.h"
#include "text/normalize.h"

namespace sovang::store {

namespace {

using detail::kNow;
constexpr const char* kColumns =
    "id, record_id, code, kind, status, issued_at, supersedes_id, reissue_request_id, status_changed_at, "
    "status_reason";

Certificate ReadCertificate(const Statement& st) {
  Certificate c;
  c.id = st.Int(0);
  c.record_id = st.Text(1);
  c.code = st.Text(2);
  c.kind = st.Text(3);
  c.status = st.Text(4);
  c.issued_at = st.Text(5);
  c.supersedes_id = st.IsNull(6) ? 0 : st.Int(6);
  c.reissue_request_id = st.IsNull(7) ? 0 : st.Int(7);
  c.status_changed_at = st.Text(8);
  c.status_reason = st.Text(9);
  return c;
}

std::optional<Certificate> One(Database& db, const std::string& where, const std::string& arg) {
  Statement& st = db.Prepare("SELECT " + std::string(kColumns) + " FROM certificates WHERE " + where);
  detail::ResetOnExit reset(st);
  st.Bind(1, arg);
  if (!st.Step()) return std::nullopt;
  return ReadCertificate(st);
}

// The audit view of a certificate: never more than the staff list shows.
nlohmann::json AuditView(const Certificate& c) {
  nlohmann::json j = {{"code", c.code}, {"kind", c.kind}, {"status", c.status}};
  if (c.supersedes_id) j["supersedes_id"] = c.supersedes_id;
  if (c.reissue_request_id) j["reissue_request_id"] = c.reissue_request_id;
  if (!c.status_reason.empty()) j["reason"] = c.status_reason;
  return j;
}

// A golden-book number compared loosely: letters and digits only, upper
// case, leading zeros dropped ("073 372" == "73372").
std::string BookKey(std::string_view book) {
  std::string key;
  for (const char c : book) {
    if (c >= '0' && c <= '9') {
      if (key.empty() && c == '0') continue;
      key += c;
    } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      key += static_cast<char>(c >= 'a' ? c - 'a' + 'A' : c);
    }
  }
  return key;
}

int StatusSeverity(const std::string& status) {
  if (status == "revoked") return 2;
  if (status == "superseded") return 1;
  return 0;
}

}  // namespace

nlohmann::json CertificateToJson(const Certificate& c) {
  return {{"code", c.code}, {"kind", c.kind}, {"status", c.status}, {"issued_at", c.issued_at}};
}

nlohmann::json VerificationToJson(const Verification& v) {
  auto or_null = [](const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); };
  nlohmann::json certificate;
  if (v.status != "unknown") certificate = {{"code", or_null(v.code)}, {"kind", or_null(v.kind)}};
  return {{"status", v.status},
          {"certificate", certificate},
          {"recipient", or_null(v.recipient)},
          {"award", or_null(v.award)},
          {"decision_number", or_null(v.decision_number)},
          {"decision_date", or_null(v.decision_date)},
          {"authority", or_null(v.authority)}};
}

Certificate Certificates::Insert(const std::string& record_id, const std::string& kind, std::int64_t supersedes_id,
                                 std::int64_t reissue_request_id) {
  Statement& st = db_.Prepare(
      "INSERT INTO certificates(record_id, code, kind, status, issued_at, supersedes_id, "
      "reissue_request_id) VALUES (?, ?, ?, 'valid', " +
      std::string(kNow) + ", ?, ?) RETURNING " + kColumns);
  // 80 random bits: a collision is all but impossible, but costs only a retry.
  for (int attempt = 0;; ++attempt) {
    detail::ResetOnExit reset(st);
    st.Bind(1, record_id).Bind(2, crypto::GenerateVerificationCode()).Bind(3, kind);
    if (supersedes_id) {
      st.Bind(4, supersedes_id);
    } else {
      st.BindNull(4);
    }
    if (reissue_request_id) {
      st.Bind(5, reissue_request_id);
    } else {
      st.BindNull(5);
    }
    try {
      st.Step();
      return ReadCertificate(st);
    } catch (const Error& e) {
      const bool code_taken = std::string_view(e.what()).find("certificates.code") != std::string_view::npos;
      if (e.code() != Errc::kConflict || !code_taken || attempt >= 3) throw;
    }
  }
}

Certificate Certificates::EnsureOriginal(const std::string& record_id, const Actor& actor) {
  Certificate result;
  db_.Transaction([&] {
    if (auto existing = One(db_, "record_id = ? AND kind = 'original'", record_id)) {
      result = *existing;
      return;
    }
    Statement& exists = db_.Prepare("SELECT 1 FROM records WHERE id = ?");
    {
      detail::ResetOnExit reset(exists);
      exists.Bind(1, record_id);
      if (!exists.Step()) throw Error(Errc::kNotFound, "no record with id " + record_id);
    }
    result = Insert(record_id, "original", 0, 0);
    AuditLog(db_).Append(actor, {"certificate.register", "certificate", std::to_string(result.id), record_id, nullptr,
                                 AuditView(result)});
  });
  return result;
}

std::vector<Certificate> Certificates::OfRecord(const std::string& record_id) {
  std::vector<Certificate> list;
  Statement& st = db_.Prepare("SELECT " + std::string(kColumns) + " FROM certificates WHERE record_id = ? ORDER BY id");
  detail::ResetOnExit reset(st);
  st.Bind(1, record_id);
  while (st.Step()) list.push_back(ReadCertificate(st));
  return list;
}

std::optional<Certificate> Certificates::Get(std::int64_t id) { return One(db_, "id = ?", std::to_string(id)); }

std::optional<Certificate> Certificates::OfRequest(std::int64_t reissue_request_id) {
  return One(db_, "reissue_request_id = ?", std::to_string(reissue_request_id));
}

Certificate Certificates::IssueReissue(const std::string& record_id, std::int64_t reissue_request_id,
                                       const Actor& actor) {
  Certificate issued;
  db_.Transaction([&] {
    EnsureOriginal(record_id, actor);
    std::int64_t supersedes = 0;
    for (Certificate c : OfRecord(record_id)) {
      if (c.status != "valid") continue;
      const nlohmann::json before = AuditView(c);
      db_.Prepare("UPDATE certificates SET status = 'superseded', status_changed_at = " + std::string(kNow) +
                  " WHERE id = ?")
          .Bind(1, c.id)
          .Run();
      c.status = "superseded";
      AuditLog(db_).Append(
          actor, {"certificate.supersede", "certificate", std::to_string(c.id), record_id, before, AuditView(c)});
      supersedes = c.id;  // the newest valid one
    }
    issued = Insert(record_id, "reissue", supersedes, reissue_request_id);
    AuditLog(db_).Append(
        actor, {"certificate.issue", "certificate", std::to_string(issued.id), record_id, nullptr, AuditView(issued)});
  });
  return issued;
}

Certificate Certificates::Revoke(std::int64_t id, const std::string& reason, const Actor& actor) {
  Certificate after;
  db_.Transaction([&] {
    std::optional<Certificate> before = Get(id);
    if (!before) throw Error(Errc::kNotFound, "no certificate with id " + std::to_string(id));
    if (before->status == "revoked")
      throw Error(Errc::kConflict, "certificate " + before->code + " is already revoked");
    db_.Prepare("UPDATE certificates SET status = 'revoked', status_reason = ?, status_changed_at = " +
                std::string(kNow) + " WHERE id = ?")
        .Bind(1, reason)
        .Bind(2, id)
        .Run();
    after = *Get(id);
    AuditLog(db_).Append(actor, {"certificate.revoke", "certificate", std::to_string(id), after.record_id,
                                 AuditView(*before), AuditView(after)});
  });
  return after;
}

namespace {

// What a certificate prints of its record, from five columns of `st` starting
// at `first` (full_name, award, decision_number, decision_date, authority).
void ReadPrinted(const Statement& st, int first, Verification& v) {
  v.recipient = st.Text(first);
  v.award = st.Text(first + 1);
  v.decision_number = st.Text(first + 2);
  v.decision_date = st.Text(first + 3);
  v.authority = st.Text(first + 4);
}

}  // namespace

Verification Certificates::Describe(const Certificate& c) {
  Verification v;
  v.status = c.status;
  v.certificate_id = c.id;
  v.code = c.code;
  v.kind = c.kind;
  // Only the fields a certificate prints.
  Statement& st =
      db_.Prepare("SELECT full_name, award, decision_number, decision_date, authority FROM records WHERE id = ?");
  detail::ResetOnExit reset(st);
  st.Bind(1, c.record_id);
  if (st.Step()) ReadPrinted(st, 0, v);
  return v;
}

Verification Certificates::VerifyCode(std::string_view typed_code) {
  const std::optional<std::string> code = crypto::ParseVerificationCode(typed_code);
  if (!code) return {};
  // One statement, so one snapshot of the certificate and its record without
  // a transaction around it: BEGIN and COMMIT were two more statements, and
  // SQLite's work was most of a verification's CPU in the server.
  Statement& st = db_.Prepare(
      "SELECT c.id, c.code, c.kind, c.status, r.full_name, r.award, r.decision_number, r.decision_date, r.authority "
      "FROM certificates c LEFT JOIN records r ON r.id = c.record_id WHERE c.code = ?");
  detail::ResetOnExit reset(st);
  st.Bind(1, *code);
  Verification v;
  if (!st.Step()) return v;
  v.certificate_id = st.Int(0);
  v.code = st.Text(1);
  v.kind = st.Text(2);
  v.status = st.Text(3);
  ReadPrinted(st, 4, v);
  return v;
}

Verification Certificates::VerifyNumbers(std::string_view decision_number, std::string_view decision_date,
                                         std::string_view book_number) {
  const std::string key = DecisionKey(decision_number);
  const std::optional<std::string> date = ParseDate(decision_date);
  const std::string book = BookKey(book_number);
  if (key.empty() || !date || book.empty()) return {};

  struct Match {
    std::string id, name_key;
  };
  std::vector<Match> matches;
  {
    Statement& st = db_.Prepare(
        "SELECT id, full_name, book_number FROM records WHERE decision_key = ? AND decision_date = ? ORDER BY id");
    detail::ResetOnExit reset(st);
    st.Bind(1, key).Bind(2, *date);
    while (st.Step()) {
      if (BookKey(st.Text(2)) == book) matches.push_back({st.Text(0), text::Fold(st.Text(1))});
    }
  }
  if (matches.empty()) return {};
  // One award may be on several pages (a ledger and an annex list): the same
  // name is one award. Different names under one number cannot be told apart.
  for (const Match& m : matches)
    if (m.name_key != matches.front().name_key) return {};

  // The holder has the original paper: it is superseded or revoked as soon as
  // any copy of the award's record says so.
  std::optional<Certificate> worst;
  for (const Match& m : matches) {
    if (auto original = One(db_, "record_id = ? AND kind = 'original'", m.id)) {
      if (!worst || StatusSeverity(original->status) > StatusSeverity(worst->status)) worst = original;
    }
  }
  Verification v;
  if (worst) {
    v = Describe(*worst);
  } else {
    // Ingested before certificates were registered: the paper stands.
    v = Describe(Certificate{0, matches.front().id, "", "original", "valid"});
  }
  v.code.clear();  // a lookup by numbers never reveals the code
  return v;
}

}  // namespace sovang::store
