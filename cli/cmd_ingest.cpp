#include <malloc.h>

#include <filesystem>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/huge_pages.h"
#include "cli/report_output.h"
#include "ingest/archive.h"
#include "ingest/pipeline.h"

namespace sovang::cli {

int RunIngest(const Argv& argv) {
  const Args args(argv, {"json", "quiet"}, {"data", "jobs"});
  RunAgainWithHugePages();
  if (args.positional().empty()) throw UsageError{"cần ít nhất một tệp hoặc thư mục (PATH...)"};
  std::vector<std::filesystem::path> inputs(args.positional().begin(), args.positional().end());

  // OCR workers allocate and free page-sized buffers; glibc's default of an
  // arena per thread keeps each arena's peak (measured: 2 workers 226 MB with
  // the default, 193 MB with one arena, same CPU). Two arenas: little lock
  // contention, most of the saving. Set before any worker thread starts.
  mallopt(M_ARENA_MAX, 2);

  auto archive = ingest::WritableArchive::Open(args.DataDir());
  ingest::Progress progress = ingest::Progress::ForStream(stderr, args.Has("quiet"));
  ingest::IngestOptions options;
  options.jobs = args.GetInt("jobs", 0);
  if (options.jobs < 0) throw UsageError{"--jobs phải ≥ 0"};
  options.progress = &progress;
  const ingest::IngestReport report =
      ingest::Ingest(archive.layout, archive.db, archive.indexer, inputs, options);

  return PrintIngestReport(report, args.Has("json"));
}

}  // namespace sovang::cli
