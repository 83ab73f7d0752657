#pragma once
// Sources (files as ingested, one per SHA-256) and their pages.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/record.h"
#include "store/database.h"

namespace sovang::store {

struct SourceRow {
  std::int64_t id = 0;
  std::string sha256;
  std::string file_name;     // as ingested, no directory
  std::string original_path; // where it was read from
  std::string master_path;   // relative to the archive root
  std::string media_type;    // "image/tiff", "application/pdf", "text/csv"
  std::int64_t size_bytes = 0;
  int page_count = 0;
  std::string status;        // "pending" | "done" | "failed"
  std::string error;         // why it failed
  std::string ingested_at;   // ISO 8601 UTC
};

struct PageRow {
  std::int64_t id = 0;
  std::int64_t source_id = 0;
  int page_no = 1;           // 1-based within the source
  PageKind kind = PageKind::kOther;
  int width = 0, height = 0;
  std::string image_path;    // relative to the archive root (PNG)
  std::string hocr_path;     // relative to the archive root
  double mean_confidence = 0.0;
  std::string status;        // "done" | "failed"
  std::string error;
};

class Sources {
 public:
  explicit Sources(Database& db) : db_(db) {}

  std::optional<SourceRow> FindBySha(const std::string& sha256);
  std::optional<SourceRow> Get(std::int64_t id);
  // Inserts; Error(kConflict) if the sha256 is already there.
  std::int64_t Add(const SourceRow& row);
  void SetStatus(std::int64_t id, const std::string& status, const std::string& error = "", int page_count = -1);
  std::vector<SourceRow> List();

  // Inserts or replaces (source_id, page_no); returns the page id.
  std::int64_t PutPage(const PageRow& row);
  std::optional<PageRow> GetPage(std::int64_t id);
  std::vector<PageRow> PagesOf(std::int64_t source_id);
  std::int64_t CountPages();

 private:
  Database& db_;
};

}  // namespace sovang::store
