#include "cli/open_archive.h"

#include "core/error.h"

namespace sovang::cli {

const ArchiveLayout& RequireArchive(const ArchiveLayout& layout) {
  if (!std::filesystem::exists(layout.db()))
    throw Error(Errc::kNotFound, "không có kho lưu trữ tại " + layout.root.string() + " (no archive there; run sovang ingest)");
  return layout;
}

store::Database OpenStoreReadOnly(const ArchiveLayout& layout) {
  return store::Database::Open(RequireArchive(layout).db(), {.read_only = true});
}

}  // namespace sovang::cli
