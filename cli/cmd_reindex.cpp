#include <cstdio>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/open_archive.h"
#include "core/archive_layout.h"
#include "ingest/index_sync.h"
#include "store/database.h"

namespace sovang::cli {

int RunReindex(const Argv& argv) {
  const Args args(argv, {}, {"data"});
  const ArchiveLayout layout(args.DataDir());
  WriterLock lock(RequireArchive(layout));
  store::Database db = store::Database::Open(layout.db());
  // Build beside the live index and swap, so searches never see half an index.
  const std::filesystem::path fresh = layout.root / "index.rebuild";
  std::filesystem::remove_all(fresh);
  const std::int64_t count = ingest::RebuildIndexAt(db, fresh);
  const std::filesystem::path old = layout.root / "index.old";
  std::filesystem::remove_all(old);
  if (std::filesystem::exists(layout.index_dir())) std::filesystem::rename(layout.index_dir(), old);
  std::filesystem::rename(fresh, layout.index_dir());
  std::filesystem::remove_all(old);
  std::printf("Đã lập lại chỉ mục: %lld hồ sơ.\n", static_cast<long long>(count));
  return kExitOk;
}

}  // namespace sovang::cli
