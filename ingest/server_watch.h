#pragma once
// Steps the ingest's OCR aside while `sovang serve` is busy on the same
// archive (core/server_activity.h). A thread reads the server's summed
// answering time every `period`: when the server spent more than `share`
// of the period answering (a quarter of a core: it is then taking a CPU,
// and with the workers both), recognition is asked to pause at its next
// step-aside point (ocr/step_aside.h); it is let go once `quiet` has passed
// below that share. The workers already run at SCHED_IDLE, but on two cores
// a server at full load still saw its search tail double beside them (p99
// 5.7–6.3 ms at 16 connections against 2.1–3.2 alone, bench/RESULTS.md
// section 3): the kernel leaves a preempted server thread waiting for the
// next tick while an idle-policy worker holds the other CPU. A server at
// full load holds the ingest; a clerk's searches do not slow it.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "core/archive_layout.h"
#include "core/server_activity.h"

namespace sovang::ingest {

class ServerWatch {
 public:
  struct Options {
    std::chrono::microseconds period{1000};
    double share = 0.25;
    std::chrono::microseconds quiet{2000};
    // How often to look for the server's activity while no server has made it.
    std::chrono::milliseconds look_for_server{1000};
  };

  ServerWatch(const ArchiveLayout& layout, Options options);
  explicit ServerWatch(const ArchiveLayout& layout) : ServerWatch(layout, Options{}) {}
  ~ServerWatch();  // stops, and lets recognition go
  ServerWatch(const ServerWatch&) = delete;
  ServerWatch& operator=(const ServerWatch&) = delete;

  // Times recognition was asked to step aside, and for how long in all
  // (wall time; for tests and the ingest's report).
  long times_asked() const { return asked_.load(std::memory_order_relaxed); }
  double seconds_aside() const { return static_cast<double>(aside_ns_.load(std::memory_order_relaxed)) * 1e-9; }

 private:
  void Run();

  const ArchiveLayout layout_;
  const Options options_;
  std::mutex mu_;
  std::condition_variable stopped_;
  bool stop_ = false;  // under mu_
  std::atomic<long> asked_{0};
  std::atomic<std::int64_t> aside_ns_{0};
  std::thread thread_;
};

}  // namespace sovang::ingest
