#pragma once
// An archive opened by its one writing process: the layout, the writer lock,
// the store and the index writer, in that order (the lock first, so a second
// writer fails before touching anything).

#include <filesystem>

#include "core/archive_layout.h"
#include "index/indexer.h"
#include "store/database.h"

namespace sovang::ingest {

struct WritableArchive {
  // Creates the archive if missing. Throws Error(kConflict) if another
  // process is writing to it.
  static WritableArchive Open(const std::filesystem::path& dir);

  ArchiveLayout layout;
  WriterLock lock;
  store::Database db;
  index::Indexer indexer;
};

}  // namespace sovang::ingest
