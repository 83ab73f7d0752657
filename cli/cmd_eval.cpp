#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/open_archive.h"
#include "core/archive_layout.h"
#include "ingest/eval.h"
#include "ingest/eval_search.h"

namespace sovang::cli {

// sovang eval --truth FILE [--json]                      field accuracy
// sovang eval --search --truth FILE --queries FILE [--json]   recall@10 and MRR
int RunEval(const Argv& argv) {
  const Args args(argv, {"json", "search"}, {"data", "truth", "queries"});
  const auto truth = args.Get("truth");
  if (!truth) throw UsageError{"cần --truth FILE (truth.jsonl)"};
  const ArchiveLayout layout(args.DataDir());
  store::Database db = OpenStoreReadOnly(layout);
  if (args.Has("search")) {
    // The query set sits beside the truth unless told otherwise.
    const std::filesystem::path queries =
        args.GetOr("queries", (std::filesystem::path(*truth).parent_path() / "queries.jsonl").string());
    const ingest::SearchEvalReport report = ingest::EvaluateSearch(layout, db, *truth, queries);
    std::cout << (args.Has("json") ? ingest::SearchEvalToJson(report).dump(2) + "\n" : ingest::SearchEvalToText(report));
    return kExitOk;
  }
  const ingest::EvalReport report = ingest::Evaluate(db, *truth);
  std::cout << (args.Has("json") ? ingest::EvalReportToJson(report).dump(2) + "\n" : ingest::EvalReportToText(report));
  return kExitOk;
}

}  // namespace sovang::cli
