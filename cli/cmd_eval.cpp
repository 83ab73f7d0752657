#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/open_archive.h"
#include "core/archive_layout.h"
#include "ingest/eval.h"

namespace sovang::cli {

int RunEval(const Argv& argv) {
  const Args args(argv, {"json"}, {"data", "truth"});
  const auto truth = args.Get("truth");
  if (!truth) throw UsageError{"cần --truth FILE (truth.jsonl)"};
  const ArchiveLayout layout(args.DataDir());
  store::Database db = OpenStoreReadOnly(layout);
  const ingest::EvalReport report = ingest::Evaluate(db, *truth);
  if (args.Has("json")) {
    std::cout << ingest::EvalReportToJson(report).dump(2) << "\n";
  } else {
    std::cout << ingest::EvalReportToText(report);
  }
  return kExitOk;
}

}  // namespace sovang::cli
