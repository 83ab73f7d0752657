#include "store/audit.h"

#include "core/error.h"
#include "crypto/hash.h"
#include "store/database_impl.h"

namespace sovang::store {

namespace {

using detail::kNow;
constexpr std::size_t kMaxListedProblems = 100;

std::string DumpJson(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The stored text of a JSON value: NULL (empty optional) for null.
std::optional<std::string> StoredJson(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  return DumpJson(value);
}

nlohmann::json NullOr(const std::optional<std::string>& s) { return s ? nlohmann::json(*s) : nlohmann::json(); }

// The row as hashed: a JSON array of its columns in a fixed order, the JSON
// values as their stored text. Any change to any column changes it.
struct StoredRow {
  std::int64_t seq = 0;
  std::string at;
  std::optional<std::int64_t> actor_id;
  std::string actor, action, entity, entity_id;
  std::optional<std::string> record_id, old_value, new_value;
  std::string prev_hash, hash;
};

std::string CanonicalContent(const StoredRow& r) {
  const nlohmann::json content = nlohmann::json::array(
      {r.seq, r.at, r.actor_id ? nlohmann::json(*r.actor_id) : nlohmann::json(), r.actor, r.action, r.entity,
       r.entity_id, NullOr(r.record_id), NullOr(r.old_value), NullOr(r.new_value)});
  return DumpJson(content);
}

std::string RowHash(const StoredRow& r) { return crypto::Sha256Hex(r.prev_hash + CanonicalContent(r)); }

constexpr const char* kColumns =
    "seq, at, actor_id, actor, action, entity, entity_id, record_id, old_value, new_value, prev_hash, hash";

StoredRow ReadStored(const Statement& st) {
  StoredRow r;
  r.seq = st.Int(0);
  r.at = st.Text(1);
  if (!st.IsNull(2)) r.actor_id = st.Int(2);
  r.actor = st.Text(3);
  r.action = st.Text(4);
  r.entity = st.Text(5);
  r.entity_id = st.Text(6);
  if (!st.IsNull(7)) r.record_id = st.Text(7);
  if (!st.IsNull(8)) r.old_value = st.Text(8);
  if (!st.IsNull(9)) r.new_value = st.Text(9);
  r.prev_hash = st.Text(10);
  r.hash = st.Text(11);
  return r;
}

nlohmann::json ParseStored(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  try {
    return nlohmann::json::parse(*text);
  } catch (const nlohmann::json::exception&) {
    return *text;  // not JSON (tampered?): shown as the text it is
  }
}

AuditRow ToRow(const StoredRow& s) {
  AuditRow row;
  row.seq = s.seq;
  row.at = s.at;
  row.actor_id = s.actor_id.value_or(0);
  row.actor = s.actor;
  row.entry.action = s.action;
  row.entry.entity = s.entity;
  row.entry.entity_id = s.entity_id;
  row.entry.record_id = s.record_id.value_or("");
  row.entry.old_value = ParseStored(s.old_value);
  row.entry.new_value = ParseStored(s.new_value);
  row.prev_hash = s.prev_hash;
  row.hash = s.hash;
  return row;
}

std::vector<AuditRow> Query(Database& db, const std::string& sql, const std::vector<std::string>& args, int limit) {
  std::vector<AuditRow> rows;
  Statement& st = db.Prepare(sql);
  detail::ResetOnExit reset(st);
  int i = 1;
  for (const std::string& a : args) st.Bind(i++, a);
  st.Bind(i, limit);
  while (st.Step()) rows.push_back(ToRow(ReadStored(st)));
  return rows;
}

}  // namespace

Actor SystemActor(const std::string& what) { return Actor{0, "system:" + what, ""}; }

std::int64_t AuditLog::Append(const Actor& actor, const AuditEntry& entry) {
  if (entry.action.empty() || entry.entity.empty())
    throw Error(Errc::kInvalidArgument, "an audit row needs an action and an entity");
  StoredRow row;
  db_.Transaction([&] {
    // The next seq is chosen here (not by SQLite) because it is part of the
    // hashed content; it follows the newest seq ever given out.
    {
      Statement& st = db_.Prepare(
          "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0),"
          " coalesce((SELECT max(seq) FROM audit_log), 0)),"
          " (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), " +
          std::string(kNow));
      detail::ResetOnExit reset(st);
      st.Step();
      row.seq = st.Int(0) + 1;
      row.prev_hash = st.IsNull(1) ? kAuditGenesisHash : st.Text(1);
      row.at = st.Text(2);
    }
    if (actor.user_id != 0) row.actor_id = actor.user_id;
    row.actor = actor.name;
    row.action = entry.action;
    row.entity = entry.entity;
    row.entity_id = entry.entity_id;
    if (!entry.record_id.empty()) row.record_id = entry.record_id;
    row.old_value = StoredJson(entry.old_value);
    row.new_value = StoredJson(entry.new_value);
    row.hash = RowHash(row);

    Statement& insert =
        db_.Prepare("INSERT INTO audit_log(" + std::string(kColumns) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.Bind(1, row.seq).Bind(2, row.at);
    if (row.actor_id) {
      insert.Bind(3, *row.actor_id);
    } else {
      insert.BindNull(3);
    }
    insert.Bind(4, row.actor).Bind(5, row.action).Bind(6, row.entity).Bind(7, row.entity_id);
    auto bind_optional = [&insert](int i, const std::optional<std::string>& v) {
      if (v) {
        insert.Bind(i, *v);
      } else {
        insert.BindNull(i);
      }
    };
    bind_optional(8, row.record_id);
    bind_optional(9, row.old_value);
    bind_optional(10, row.new_value);
    insert.Bind(11, row.prev_hash).Bind(12, row.hash);
    insert.Run();
  });
  return row.seq;
}

std::vector<AuditRow> AuditLog::OfRecord(const std::string& record_id, int limit) {
  return Query(db_, "SELECT " + std::string(kColumns) + " FROM audit_log WHERE record_id = ? ORDER BY seq LIMIT ?",
               {record_id}, limit);
}

std::vector<AuditRow> AuditLog::OfEntity(const std::string& entity, const std::string& entity_id, int limit) {
  return Query(
      db_,
      "SELECT " + std::string(kColumns) + " FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq LIMIT ?",
      {entity, entity_id}, limit);
}

std::vector<AuditRow> AuditLog::Recent(int limit) {
  return Query(db_, "SELECT " + std::string(kColumns) + " FROM audit_log ORDER BY seq DESC LIMIT ?", {}, limit);
}

nlohmann::json AuditRowToJson(const AuditRow& row) {
  return {{"seq", row.seq},
          {"at", row.at},
          {"actor", row.actor},
          {"actor_id", row.actor_id == 0 ? nlohmann::json() : nlohmann::json(row.actor_id)},
          {"action", row.entry.action},
          {"entity", row.entry.entity},
          {"entity_id", row.entry.entity_id},
          {"record_id", row.entry.record_id.empty() ? nlohmann::json() : nlohmann::json(row.entry.record_id)},
          {"old", row.entry.old_value},
          {"new", row.entry.new_value},
          {"hash", row.hash}};
}

AuditChainReport VerifyAuditChain(Database& db) {
  AuditChainReport report;
  auto problem = [&report](std::int64_t seq, std::string what) {
    ++report.problem_count;
    if (report.problems.size() < kMaxListedProblems) report.problems.push_back({seq, std::move(what)});
  };
  db.ReadTransaction([&] {
    std::string prev_hash = kAuditGenesisHash;
    std::int64_t expected_seq = 1;
    Statement& st = db.Prepare("SELECT " + std::string(kColumns) + " FROM audit_log ORDER BY seq");
    detail::ResetOnExit reset(st);
    while (st.Step()) {
      const StoredRow row = ReadStored(st);
      ++report.rows;
      if (row.seq != expected_seq) {
        problem(row.seq, row.seq > expected_seq ? "rows " + std::to_string(expected_seq) + ".." +
                                                      std::to_string(row.seq - 1) + " are missing (deleted?)"
                                                : "seq out of order");
      }
      if (row.prev_hash != prev_hash) problem(row.seq, "does not chain to the row before (a row deleted or inserted?)");
      if (RowHash(row) != row.hash) problem(row.seq, "hash does not match the row's content (edited?)");
      prev_hash = row.hash;
      expected_seq = row.seq + 1;
      report.last_seq = row.seq;
      report.head_hash = row.hash;
    }
    Statement& seq = db.Prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'");
    detail::ResetOnExit reset_seq(seq);
    if (seq.Step() && seq.Int(0) > report.last_seq) {
      problem(seq.Int(0), "the newest rows " + std::to_string(report.last_seq + 1) + ".." + std::to_string(seq.Int(0)) +
                              " are missing (deleted?)");
    }
  });
  return report;
}

nlohmann::json AuditChainReportToJson(const AuditChainReport& report) {
  nlohmann::json problems = nlohmann::json::array();
  for (const AuditProblem& p : report.problems) problems.push_back({{"seq", p.seq}, {"problem", p.what}});
  return {{"ok", report.ok()},           {"rows", report.rows},
          {"last_seq", report.last_seq}, {"head_hash", report.head_hash},
          {"problems", problems},        {"problem_count", report.problem_count}};
}

}  // namespace sovang::store
