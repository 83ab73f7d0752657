// sovang: the command line. Subcommands only: parse, call a library, print.

#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>
#include <map>

#include "cli/args.h"
#include "cli/commands.h"
#include "core/error.h"
#include "ocr/recognizer.h"

namespace {

using sovang::cli::Argv;

const char kUsage[] =
    "sovang — lưu trữ và tra cứu hồ sơ khen thưởng (award records archive)\n"
    "\n"
    "Usage: sovang <command> [--data DIR] ...\n"
    "  ingest [--jobs N] [--json] [--quiet] PATH...   scan pages (TIFF/PNG/JPEG/PDF) into the archive\n"
    "  import-csv [--json] FILE...                    import born-digital lists (any Vietnamese encoding)\n"
    "  search [--json] [--limit N] QUERY              search records\n"
    "  export --format jsonl|csv                      every record, one a line\n"
    "  review [--json] [--limit N]                    records needing review, worst first\n"
    "  eval --truth FILE [--search] [--json]          accuracy (or search recall/MRR) against ground truth\n"
    "  serve [--listen 127.0.0.1:8080] [--public-url URL] [--search-cache MIB]   the web server\n"
    "  reindex                                        rebuild the index from the store\n"
    "  check [--json]                                 store, index, masters and audit consistency\n"
    "  user add NAME --role admin|archivist|verifier|approver   (password on stdin); user list\n"
    "\n"
    "--data DIR defaults to $SOVANG_DATA, else ./archive.\n"
    "Exit codes: 0 ok, 1 some inputs failed, 2 usage error, 3 failure.\n";

}  // namespace

int main(int argc, char** argv) {
  // Before Tesseract's OpenMP runtime reads its environment: pages run in
  // parallel, not threads inside a page.
  sovang::ocr::PinOpenMpToOneThread();

  const std::map<std::string, std::function<int(const Argv&)>> commands = {
      {"ingest", sovang::cli::RunIngest},   {"import-csv", sovang::cli::RunImportCsv},
      {"search", sovang::cli::RunSearch},   {"export", sovang::cli::RunExport},
      {"review", sovang::cli::RunReview},   {"eval", sovang::cli::RunEval},
      {"serve", sovang::cli::RunServe},     {"reindex", sovang::cli::RunReindex},
      {"check", sovang::cli::RunCheck},     {"user", sovang::cli::RunUser},
  };
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? sovang::cli::kExitUsage : sovang::cli::kExitOk;
  }
  const auto command = commands.find(argv[1]);
  if (command == commands.end()) {
    std::fprintf(stderr, "sovang: lệnh không rõ (unknown command) '%s'\n\n%s", argv[1], kUsage);
    return sovang::cli::kExitUsage;
  }
  try {
    return command->second(Argv(argv + 2, argv + argc));
  } catch (const sovang::cli::UsageError& e) {
    std::fprintf(stderr, "sovang %s: %s\n", argv[1], e.message.c_str());
    return sovang::cli::kExitUsage;
  } catch (const sovang::Error& e) {
    std::fprintf(stderr, "sovang %s: %s\n", argv[1], e.what());
    return e.code() == sovang::Errc::kInvalidArgument ? sovang::cli::kExitUsage : sovang::cli::kExitFailure;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sovang %s: %s\n", argv[1], e.what());
    return sovang::cli::kExitFailure;
  }
}
