#include "store/verification_log.h"

#include "core/error.h"
#include "store/database_impl.h"

namespace sovang::store {

namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS verification_log ("
    "  id             INTEGER PRIMARY KEY,"
    "  at             TEXT NOT NULL,"
    "  client         TEXT NOT NULL,"
    "  method         TEXT NOT NULL CHECK (method IN ('code', 'numbers')),"
    "  code_hash      TEXT,"
    "  numbers        TEXT,"  // JSON {"decision", "date", "book"} as asked
    "  result         TEXT NOT NULL CHECK (result IN ('valid', 'superseded', 'revoked', 'unknown')),"
    "  certificate_id INTEGER"  // sovang.db's certificates.id (another file: no foreign key)
    ")";

constexpr const char* kColumns = "id, at, client, method, code_hash, numbers, result, certificate_id";

}  // namespace

VerificationLog VerificationLog::Open(const std::filesystem::path& file) {
  Database db = Database::Open(file, OpenOptions{.migrate = false});
  db.Exec("PRAGMA synchronous=NORMAL");
  db.Exec(kSchema);
  return VerificationLog(std::move(db));
}

void VerificationLog::Append(const std::vector<VerificationLogEntry>& entries) {
  static const std::string kInsert =
      "INSERT INTO verification_log(at, client, method, code_hash, numbers, result, certificate_id) VALUES (" +
      std::string(detail::kNow) + ", ?, ?, ?, ?, ?, ?)";
  db_.Transaction([&] {
    for (const VerificationLogEntry& e : entries) {
      Statement& st = db_.Prepare(kInsert);
      st.Bind(1, e.client).Bind(2, e.method);
      st.BindOptional(3, e.code_hash);
      if (e.numbers.is_null()) st.BindNull(4);
      else st.Bind(4, e.numbers.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      st.Bind(5, e.result);
      if (e.certificate_id) st.Bind(6, e.certificate_id);
      else st.BindNull(6);
      st.Run();
    }
  });
}

std::int64_t VerificationLog::Count() {
  Statement& st = db_.Prepare("SELECT count(*) FROM verification_log");
  detail::ResetOnExit reset(st);
  st.Step();
  return st.Int(0);
}

std::int64_t VerificationLog::AdoptRowsFrom(const std::filesystem::path& archive_db) {
  {
    Statement& attach = db_.Prepare("ATTACH DATABASE ? AS archive");
    attach.Bind(1, archive_db.string());
    attach.Run();
  }
  struct Detach {
    Database& db;
    ~Detach() {
      try {
        db.Exec("DETACH DATABASE archive");
      } catch (const Error&) {  // nothing left to do about it
      }
    }
  } detach{db_};
  std::int64_t rows = 0;
  {
    Statement& st = db_.Prepare(
        "SELECT count(*) FROM archive.sqlite_master WHERE type = 'table' AND name = 'verification_log'");
    detail::ResetOnExit reset(st);
    st.Step();
    if (st.Int(0) == 0) return 0;  // not an archive that ever had the table
  }
  {
    Statement& st = db_.Prepare("SELECT count(*) FROM archive.verification_log");
    detail::ResetOnExit reset(st);
    st.Step();
    rows = st.Int(0);
  }
  if (rows == 0) return 0;
  // One transaction over both files: atomic in each, not across them (WAL),
  // hence OR IGNORE on ids already copied by a move cut short.
  db_.Transaction([&] {
    db_.Exec(std::string("INSERT OR IGNORE INTO main.verification_log(") + kColumns + ") SELECT " + kColumns +
             " FROM archive.verification_log ORDER BY id");
    db_.Exec("DELETE FROM archive.verification_log");
  });
  return rows;
}

}  // namespace sovang::store
