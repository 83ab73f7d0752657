// The search group: what clerks use to find a person and see the evidence.
// Search answers from the index; everything exact (a record, its page) comes
// from the store.

#include <algorithm>

#include "core/award_catalog.h"
#include "core/error.h"
#include "core/record_json.h"
#include "server/gzip.h"
#include "server/route_groups.h"
#include "server/static_files.h"
#include "store/certificates.h"
#include "store/records.h"
#include "store/reissue.h"
#include "store/sources.h"

#if __has_include("ingest/page_crop.h")
#include "ingest/page_crop.h"
#define SOVANG_HAVE_PAGE_CROP 1
#endif

namespace sovang::server {

namespace {

constexpr std::size_t kMaxQueryBytes = 1000;
// Page images do not change once ingested; they are personal data, so only
// the browser may keep them.
constexpr const char* kImageCacheControl = "private, max-age=86400";

std::string Trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

Record GetRecord(AppContext& app, const std::string& id) {
  auto db = app.Reader();
  std::optional<Record> record = store::Records(*db).Get(id);
  if (!record) throw Error(Errc::kNotFound, "no record with id " + id);
  return std::move(*record);
}

// The page image file of a stored page, checked to lie inside the archive.
std::filesystem::path PageImageFile(AppContext& app, std::int64_t page_id) {
  auto db = app.Reader();
  std::optional<store::PageRow> row = store::Sources(*db).GetPage(page_id);
  if (!row) throw Error(Errc::kNotFound, "no page with id " + std::to_string(page_id));
  const ArchiveLayout& layout = app.layout();
  if (row->image_path.empty()) throw Error(Errc::kNotFound, "page " + std::to_string(page_id) + " has no image");
  const std::filesystem::path file = layout.root / row->image_path;
  std::error_code ec;
  const std::filesystem::path real = std::filesystem::canonical(file, ec);
  const std::filesystem::path root = std::filesystem::canonical(layout.root, ec);
  if (real.empty() || root.empty() || !std::filesystem::is_regular_file(real, ec) ||
      std::mismatch(root.begin(), root.end(), real.begin(), real.end()).first != root.end()) {
    throw Error(Errc::kNotFound, "page " + std::to_string(page_id) + " has no image");
  }
  return real;
}

void Health(const Request&, Response& res) { res.Json({{"status", "ok"}}); }

index::SearchRequest SearchRequestOf(const Request& req) {
  index::SearchRequest search;
  // A blank query lists every record (the index decides the order).
  search.query = Trimmed(req.Query("q").value_or(""));
  if (search.query.size() > kMaxQueryBytes) {
    throw Error(Errc::kInvalidArgument, "the query is longer than " + std::to_string(kMaxQueryBytes) + " bytes");
  }
  search.limit = req.QueryInt("limit", 20, 1, 100);
  search.offset = req.QueryInt("offset", 0, 0, 100000);
  const std::string facets = req.Query("facets").value_or("1");
  search.facets = !(facets == "0" || facets == "false");
  return search;
}

void SendSearchAnswer(AppContext::SearchAnswer answer, Response& res) {
  res.Bytes(std::move(answer.body), std::string(kJsonContentType));
  if (answer.gzip) res.SetHeader("Content-Encoding", "gzip");
  res.SetHeader("Vary", "Accept-Encoding");
}

void Search(AppContext& app, const Request& req, Response& res) {
  SendSearchAnswer(app.AnswerSearch(SearchRequestOf(req), AcceptsGzip(req)), res);
}

// On the event loop: a search asked before is answered from the cache.
bool SearchFromCache(AppContext& app, const Request& req, Response& res) {
  std::optional<AppContext::SearchAnswer> answer = app.CachedSearchAnswer(SearchRequestOf(req), AcceptsGzip(req));
  if (!answer) return false;
  SendSearchAnswer(std::move(*answer), res);
  return true;
}

// The record as staff see it: fields with their evidence, the page image, the
// record's certificates (oldest first) and whether its award can be reissued.
void RecordDetail(AppContext& app, const Request& req, Response& res) {
  const Record record = GetRecord(app, req.PathParam("id"));
  RecordJsonOptions options;
  options.with_field_detail = true;
  nlohmann::json body = RecordToJson(record, options);
  auto db = app.Reader();
  nlohmann::json certificates = nlohmann::json::array();
  for (const store::Certificate& c : store::Certificates(*db).OfRecord(record.id))
    certificates.push_back(store::CertificateToJson(c));
  body["certificates"] = std::move(certificates);
  const std::optional<std::string> no_reissue =
      store::NoReissueReason(AwardCatalog::Default(), record.value(FieldId::kAwardCode), record.value(FieldId::kAward));
  body["reissue"] = {{"possible", !no_reissue.has_value()},
                     {"reason", no_reissue ? nlohmann::json(*no_reissue) : nlohmann::json()}};
  if (record.source.page_id > 0) {
    if (std::optional<store::PageRow> page = store::Sources(*db).GetPage(record.source.page_id)) {
      body["page_image"] = {{"url", "/api/pages/" + std::to_string(page->id) + "/image"},
                            {"width", page->width},
                            {"height", page->height}};
#ifdef SOVANG_HAVE_PAGE_CROP
      if (!record.source.bbox.empty()) body["crop_url"] = "/api/records/" + record.id + "/crop";
#endif
    }
  }
  res.Json(body);
}

void PageImage(AppContext& app, const Request& req, Response& res) {
  // A PNG decoded at ingest, or the master itself when the scan was a single
  // PNG or JPEG file (ingest archives no copy of those).
  const std::filesystem::path file = PageImageFile(app, req.PathParamId("id"));
  res.File(file, ContentTypeFor(file));
  res.SetHeader("Cache-Control", kImageCacheControl);
}

#ifdef SOVANG_HAVE_PAGE_CROP
void RecordCrop(AppContext& app, const Request& req, Response& res) {
  const Record record = GetRecord(app, req.PathParam("id"));
  if (record.source.page_id <= 0 || record.source.bbox.empty()) {
    throw Error(Errc::kNotFound, "record " + record.id + " has no region on a page");
  }
  // A little of the surroundings helps to read the row; CropPage clamps to the page.
  Box box = record.source.bbox;
  const int margin = std::max(8, box.h / 4);
  box = Box{std::max(0, box.x - margin), std::max(0, box.y - margin), box.w + 2 * margin, box.h + 2 * margin};
  res.Bytes(ingest::CropPage(app.layout(), record.source.page_id, box), "image/png");
  res.SetHeader("Cache-Control", kImageCacheControl);
}
#endif

void ReviewQueue(AppContext& app, const Request& req, Response& res) {
  const int limit = req.QueryInt("limit", 50, 1, 500);
  std::vector<Record> records;
  {
    auto db = app.Reader();
    records = store::Records(*db).ForReview(limit);
  }
  RecordJsonOptions options;
  options.with_field_detail = true;
  nlohmann::json list = nlohmann::json::array();
  for (const Record& r : records) list.push_back(RecordToJson(r, options));
  res.Json({{"records", std::move(list)}});
}

}  // namespace

void RegisterSearchRoutes(Router& router, AppContext& app) {
  router.Get("/api/health", Access::kPublic, Health, Pace::kQuick);  // answered even when every worker is busy
  router.GetWithQuickPath(
      "/api/search", Access::kAnyStaff,
      [&app](const Request& req, Response& res) { return SearchFromCache(app, req, res); },
      [&app](const Request& req, Response& res) { Search(app, req, res); });
  router.Get("/api/records/{id}", Access::kAnyStaff,
             [&app](const Request& req, Response& res) { RecordDetail(app, req, res); });
  router.Get("/api/pages/{id}/image", Access::kAnyStaff,
             [&app](const Request& req, Response& res) { PageImage(app, req, res); });
#ifdef SOVANG_HAVE_PAGE_CROP
  router.Get("/api/records/{id}/crop", Access::kAnyStaff,
             [&app](const Request& req, Response& res) { RecordCrop(app, req, res); });
#endif
  router.Get("/api/review", Access::kAnyStaff,
             [&app](const Request& req, Response& res) { ReviewQueue(app, req, res); });
}

}  // namespace sovang::server
