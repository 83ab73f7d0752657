#include "cli/huge_pages.h"

#include <gnu/libc-version.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace sovang::cli {

// OCR workers allocate page-sized buffers by the dozen a page (decoded pages,
// Tesseract's copies and thresholded images), each mapped fresh by glibc and
// faulted in 4 KB at a time: page faults and the zeroing behind them were ~5%
// of an ingest's CPU (perf, the 40 bench pages). glibc >= 2.35 backs its
// allocations with transparent huge pages when asked by the tunable
// glibc.malloc.hugetlb=1, which it reads only at start: so ingest runs itself
// again once with it set, where the kernel gives huge pages on request
// ("[madvise]"). Side by side, one worker each: 3-7% less CPU on one machine,
// within noise on another; peak memory a few MB lower (bench/RESULTS.md
// section 1). SOVANG_HUGE_PAGES=0 keeps glibc's default (for comparing).
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

bool HugePagesAsked() {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  return tunables != nullptr && std::string(tunables).find("glibc.malloc.hugetlb=1") != std::string::npos;
}

}  // namespace sovang::cli
