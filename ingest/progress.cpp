#include "ingest/progress.h"

#include <unistd.h>

#include <algorithm>

namespace sovang::ingest {

Progress::Progress(std::FILE* stream, Mode mode, int line_every)
    : stream_(stream), mode_(mode), line_every_(std::max(1, line_every)), start_(std::chrono::steady_clock::now()) {}

Progress Progress::ForStream(std::FILE* stream, bool quiet, int line_every) {
  if (quiet) return Progress(stream, Mode::kQuiet, line_every);
  return Progress(stream, ::isatty(::fileno(stream)) ? Mode::kBar : Mode::kLines, line_every);
}

std::string Progress::Summary() const {
  const double minutes =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count() / 60.0;
  const double rate = minutes > 0 ? static_cast<double>(done_) / minutes : 0.0;
  char buf[160];
  if (rate > 0 && total_ > done_) {
    const double left_s = static_cast<double>(total_ - done_) / rate * 60.0;
    std::snprintf(buf, sizeof buf, "%lld/%lld trang, %.1f trang/phút, còn %dm%02ds",
                  static_cast<long long>(done_), static_cast<long long>(total_), rate,
                  static_cast<int>(left_s) / 60, static_cast<int>(left_s) % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lld/%lld trang, %.1f trang/phút", static_cast<long long>(done_),
                  static_cast<long long>(total_), rate);
  }
  return buf;
}

void Progress::PageDone(const std::string& what) {
  ++done_;
  if (mode_ == Mode::kQuiet) return;
  if (mode_ == Mode::kBar) {
    constexpr int kWidth = 30;
    const int filled = total_ > 0 ? static_cast<int>(kWidth * std::min<std::int64_t>(done_, total_) / total_) : 0;
    std::string bar(filled, '#');
    bar.resize(kWidth, '.');
    std::fprintf(stream_, "\r\033[K[%s] %s  %s", bar.c_str(), Summary().c_str(), what.c_str());
    std::fflush(stream_);
  } else if (done_ % line_every_ == 0 || done_ == total_) {
    std::fprintf(stream_, "sovang: %s\n", Summary().c_str());
  }
}

void Progress::Finish() {
  if (mode_ == Mode::kBar && done_ > 0) std::fprintf(stream_, "\n");
}

}  // namespace sovang::ingest
