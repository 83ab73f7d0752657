#include "cli/args.h"
#include "cli/commands.h"
#include "cli/report_output.h"
#include "ingest/archive.h"
#include "ingest/csv_import.h"

namespace sovang::cli {

int RunImportCsv(const Argv& argv) {
  const Args args(argv, {"json"}, {"data"});
  if (args.positional().empty()) throw UsageError{"cần ít nhất một tệp CSV (FILE...)"};
  auto archive = ingest::WritableArchive::Open(args.DataDir());
  const std::vector<std::filesystem::path> files(args.positional().begin(), args.positional().end());
  return PrintIngestReport(ingest::ImportCsv(archive.layout, archive.db, archive.indexer, files), args.Has("json"));
}

}  // namespace sovang::cli
