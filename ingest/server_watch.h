#pragma once
// Steps the ingest's OCR aside while `sovang serve` answers on the same
// archive (core/server_activity.h). A thread looks every `period`: while the
// server is answering, or ended less than `quiet` ago, recognition is asked
// to pause at its next step-aside point (ocr/step_aside.h), and let go once
// the server is quiet. The workers already run at SCHED_IDLE, but on two
// cores a busy server's search tail still doubled beside them (p99 4.4–5.8
// ms at 16 connections against 1.8–2.7 alone, bench/RESULTS.md section 3):
// the kernel leaves a preempted server thread waiting for the next tick
// while an idle-policy worker holds the other CPU. Under a server at full
// load the ingest waits; a clerk's searches cost it a few milliseconds each.

#include <atomic>
#include <chrono>
#include <condition_variable>
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
    std::chrono::microseconds quiet{2000};
    // How often to look for the activity file while no server has made it.
    std::chrono::milliseconds look_for_server{1000};
  };

  ServerWatch(const ArchiveLayout& layout, Options options);
  explicit ServerWatch(const ArchiveLayout& layout) : ServerWatch(layout, Options{}) {}
  ~ServerWatch();  // stops, and lets recognition go
  ServerWatch(const ServerWatch&) = delete;
  ServerWatch& operator=(const ServerWatch&) = delete;

  // Times recognition was asked to step aside (for the ingest's report and tests).
  long times_asked() const { return asked_.load(std::memory_order_relaxed); }

 private:
  void Run();

  const ArchiveLayout layout_;
  const Options options_;
  std::mutex mu_;
  std::condition_variable stopped_;
  bool stop_ = false;  // under mu_
  std::atomic<long> asked_{0};
  std::thread thread_;
};

}  // namespace sovang::ingest
