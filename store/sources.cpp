#include "store/sources.h"

#include "core/error.h"
#include "store/database_impl.h"

namespace sovang::store {

namespace {

using detail::kNow;

const std::string kSourceColumns =
    "id, sha256, file_name, original_path, master_path, media_type, size_bytes, page_count, status, error, "
    "ingested_at";

SourceRow ReadSource(const Statement& st) {
  SourceRow row;
  row.id = st.Int(0);
  row.sha256 = st.Text(1);
  row.file_name = st.Text(2);
  row.original_path = st.Text(3);
  row.master_path = st.Text(4);
  row.media_type = st.Text(5);
  row.size_bytes = st.Int(6);
  row.page_count = static_cast<int>(st.Int(7));
  row.status = st.Text(8);
  row.error = st.Text(9);
  row.ingested_at = st.Text(10);
  return row;
}

const std::string kPageColumns =
    "id, source_id, page_no, kind, width, height, image_path, hocr_path, mean_confidence, status, error";

PageRow ReadPage(const Statement& st) {
  PageRow row;
  row.id = st.Int(0);
  row.source_id = st.Int(1);
  row.page_no = static_cast<int>(st.Int(2));
  const std::string kind = st.Text(3);
  const std::optional<PageKind> parsed = PageKindFromName(kind);
  if (!parsed) throw Error(Errc::kStore, "page " + std::to_string(row.id) + " has an unknown kind '" + kind + "'");
  row.kind = *parsed;
  row.width = static_cast<int>(st.Int(4));
  row.height = static_cast<int>(st.Int(5));
  row.image_path = st.Text(6);
  row.hocr_path = st.Text(7);
  row.mean_confidence = st.Double(8);
  row.status = st.Text(9);
  row.error = st.Text(10);
  return row;
}

}  // namespace

std::optional<SourceRow> Sources::FindBySha(const std::string& sha256) {
  Statement& st = db_.Prepare("SELECT " + kSourceColumns + " FROM sources WHERE sha256 = ?");
  detail::ResetOnExit reset(st);
  st.Bind(1, sha256);
  if (!st.Step()) return std::nullopt;
  return ReadSource(st);
}

std::optional<SourceRow> Sources::Get(std::int64_t id) {
  Statement& st = db_.Prepare("SELECT " + kSourceColumns + " FROM sources WHERE id = ?");
  detail::ResetOnExit reset(st);
  st.Bind(1, id);
  if (!st.Step()) return std::nullopt;
  return ReadSource(st);
}

std::int64_t Sources::Add(const SourceRow& row) {
  Statement& st = db_.Prepare(
      "INSERT INTO sources(sha256, file_name, original_path, master_path, media_type, size_bytes, page_count, "
      "status, error, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, " +
      std::string(kNow) + ")) RETURNING id");
  detail::ResetOnExit reset(st);
  st.Bind(1, row.sha256)
      .Bind(2, row.file_name)
      .Bind(3, row.original_path)
      .Bind(4, row.master_path)
      .Bind(5, row.media_type)
      .Bind(6, row.size_bytes)
      .Bind(7, row.page_count)
      .Bind(8, row.status.empty() ? std::string("pending") : row.status)
      .BindOptional(9, row.error)
      .BindOptional(10, row.ingested_at);
  try {
    if (!st.Step()) throw Error(Errc::kInternal, "insert source " + row.sha256 + ": no id returned");
  } catch (const Error& e) {
    if (e.code() != Errc::kConflict) throw;
    st.Reset();
    if (const std::optional<SourceRow> existing = FindBySha(row.sha256)) {
      throw Error(Errc::kConflict, "source " + row.sha256 + " (" + row.file_name +
                                       ") is already in the archive, as source " + std::to_string(existing->id) +
                                       " (" + existing->file_name + ")");
    }
    throw Error(Errc::kConflict, "source " + row.file_name + ": " + e.what());
  }
  return st.Int(0);
}

void Sources::SetStatus(std::int64_t id, const std::string& status, const std::string& error, int page_count) {
  Statement& st = db_.Prepare(
      "UPDATE sources SET status = ?, error = ?, page_count = CASE WHEN ? >= 0 THEN ? ELSE page_count END "
      "WHERE id = ?");
  st.Bind(1, status).BindOptional(2, error).Bind(3, page_count).Bind(4, page_count).Bind(5, id).Run();
  if (db_.Changes() == 0) throw Error(Errc::kNotFound, "source " + std::to_string(id) + " is not in the archive");
}

std::vector<SourceRow> Sources::List() {
  std::vector<SourceRow> rows;
  Statement& st = db_.Prepare("SELECT " + kSourceColumns + " FROM sources ORDER BY id");
  detail::ResetOnExit reset(st);
  while (st.Step()) rows.push_back(ReadSource(st));
  return rows;
}

std::int64_t Sources::PutPage(const PageRow& row) {
  // An upsert, not INSERT OR REPLACE: the page keeps its id, so the records
  // that point at it stay valid.
  Statement& st = db_.Prepare(
      "INSERT INTO pages(source_id, page_no, kind, width, height, image_path, hocr_path, mean_confidence, status, "
      "error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT(source_id, page_no) DO UPDATE SET kind = excluded.kind, width = excluded.width, "
      "height = excluded.height, image_path = excluded.image_path, hocr_path = excluded.hocr_path, "
      "mean_confidence = excluded.mean_confidence, status = excluded.status, error = excluded.error "
      "RETURNING id");
  detail::ResetOnExit reset(st);
  st.Bind(1, row.source_id)
      .Bind(2, row.page_no)
      .Bind(3, PageKindName(row.kind))
      .Bind(4, row.width)
      .Bind(5, row.height)
      .Bind(6, row.image_path)
      .Bind(7, row.hocr_path)
      .Bind(8, row.mean_confidence)
      .Bind(9, row.status.empty() ? std::string("pending") : row.status)
      .BindOptional(10, row.error);
  try {
    if (!st.Step()) throw Error(Errc::kInternal, "put page: no id returned");
  } catch (const Error& e) {
    throw Error(e.code(), "page " + std::to_string(row.page_no) + " of source " + std::to_string(row.source_id) +
                              ": " + e.what());
  }
  return st.Int(0);
}

std::optional<PageRow> Sources::GetPage(std::int64_t id) {
  Statement& st = db_.Prepare("SELECT " + kPageColumns + " FROM pages WHERE id = ?");
  detail::ResetOnExit reset(st);
  st.Bind(1, id);
  if (!st.Step()) return std::nullopt;
  return ReadPage(st);
}

std::vector<PageRow> Sources::PagesOf(std::int64_t source_id) {
  std::vector<PageRow> rows;
  Statement& st = db_.Prepare("SELECT " + kPageColumns + " FROM pages WHERE source_id = ? ORDER BY page_no");
  detail::ResetOnExit reset(st);
  st.Bind(1, source_id);
  while (st.Step()) rows.push_back(ReadPage(st));
  return rows;
}

std::int64_t Sources::CountPages() {
  Statement& st = db_.Prepare("SELECT count(*) FROM pages");
  detail::ResetOnExit reset(st);
  st.Step();
  return st.Int(0);
}

}  // namespace sovang::store
