#include "ingest/archive.h"

namespace sovang::ingest {

namespace {

WriterLock LockedLayout(const ArchiveLayout& layout) {
  layout.CreateDirectories();
  return WriterLock(layout);
}

}  // namespace

WritableArchive WritableArchive::Open(const std::filesystem::path& dir) {
  ArchiveLayout layout(dir);
  WriterLock lock = LockedLayout(layout);
  store::Database db = store::Database::Open(layout.db());
  index::Indexer indexer = index::Indexer::Open(layout.index_dir());
  return WritableArchive{std::move(layout), std::move(lock), std::move(db), std::move(indexer)};
}

}  // namespace sovang::ingest
