#include "cli/args.h"
#include "cli/commands.h"
#include "cli/report_output.h"
#include "ingest/archive.h"
#include "ingest/pipeline.h"

namespace sovang::cli {

int RunIngest(const Argv& argv) {
  const Args args(argv, {"json", "quiet"}, {"data", "jobs"});
  if (args.positional().empty()) throw UsageError{"cần ít nhất một tệp hoặc thư mục (PATH...)"};
  std::vector<std::filesystem::path> inputs(args.positional().begin(), args.positional().end());

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
