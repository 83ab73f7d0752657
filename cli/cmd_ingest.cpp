#include <gnu/libc-version.h>
#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/report_output.h"
#include "ingest/archive.h"
#include "ingest/pipeline.h"

namespace sovang::cli {
namespace {

// OCR workers allocate page-sized buffers by the dozen a page (decoded pages,
// Tesseract's copies and thresholded images), each mapped fresh by glibc and
// faulted in 4 KB at a time: page faults and the zeroing behind them were ~5%
// of an ingest's CPU (perf, the 40 bench pages). glibc >= 2.35 backs its
// allocations with transparent huge pages when asked by the tunable
// glibc.malloc.hugetlb=1, which it reads only at start: so ingest runs itself
// again once with it set, where the kernel gives huge pages on request
// ("[madvise]"). Side by side, one worker each: 3-7% less CPU, peak memory a
// few MB lower (bench/RESULTS.md section 1). SOVANG_HUGE_PAGES=0 keeps glibc's
// default (for comparing).
void RunAgainWithHugePages() {
  const char* off = std::getenv("SOVANG_HUGE_PAGES");
  if (off != nullptr && std::string(off) == "0") return;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  const std::string set = tunables != nullptr ? tunables : "";
  if (set.find("glibc.malloc.hugetlb") != std::string::npos) return;  // already, or chosen otherwise
  int major = 0, minor = 0;
  if (std::sscanf(gnu_get_libc_version(), "%d.%d", &major, &minor) != 2 || major < 2 || (major == 2 && minor < 35))
    return;
  std::ifstream thp("/sys/kernel/mm/transparent_hugepage/enabled");
  const std::string mode((std::istreambuf_iterator<char>(thp)), std::istreambuf_iterator<char>());
  if (mode.find("[madvise]") == std::string::npos) return;  // always (nothing to ask) or never
  std::ifstream cmdline("/proc/self/cmdline", std::ios::binary);
  const std::string all((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
  std::vector<std::string> words;
  for (std::size_t at = 0; at < all.size();) {
    const std::size_t end = all.find('\0', at);
    words.push_back(all.substr(at, end == std::string::npos ? std::string::npos : end - at));
    if (end == std::string::npos) break;
    at = end + 1;
  }
  if (words.empty()) return;
  std::vector<char*> args;
  for (std::string& w : words) args.push_back(w.data());
  args.push_back(nullptr);
  const std::string value = (set.empty() ? std::string() : set + ":") + "glibc.malloc.hugetlb=1";
  if (setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  std::fflush(nullptr);
  execv("/proc/self/exe", args.data());
  unsetenv("GLIBC_TUNABLES");  // not run again: carry on as we are
  if (tunables != nullptr) setenv("GLIBC_TUNABLES", set.c_str(), 1);
}

}  // namespace

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
