#pragma once
// Progress of a long ingest, for people: a bar on a terminal (pages done,
// pages per minute, time left), a line every N pages otherwise, nothing when
// quiet. Written to stderr so stdout stays machine-readable.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace sovang::ingest {

class Progress {
 public:
  enum class Mode { kQuiet, kLines, kBar };
  // kBar when `stream` is a terminal, else kLines; kQuiet when quiet.
  static Progress ForStream(std::FILE* stream, bool quiet, int line_every = 10);

  void SetTotal(std::int64_t pages) { total_ = pages; }
  void AddTotal(std::int64_t pages) { total_ += pages; }
  void PageDone(const std::string& what);
  void Finish();

  Mode mode() const { return mode_; }

 private:
  Progress(std::FILE* stream, Mode mode, int line_every);
  std::string Summary() const;

  std::FILE* stream_;
  Mode mode_;
  int line_every_;
  std::int64_t total_ = 0, done_ = 0;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace sovang::ingest
