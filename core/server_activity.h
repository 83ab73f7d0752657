#pragma once
// How busy `sovang serve` is, told to the other processes on its archive
// through a small memory-mapped file (DIR/server-activity): the time spent
// answering, summed over everything answered (a loop's batch of events, a
// worker's request), and how much is being answered now. The ingest's OCR
// steps aside while the server spends more than a share of a core answering
// (ingest/server_watch.h): SCHED_IDLE alone does not keep an idle-policy
// worker from holding a CPU while a preempted server thread waits for the
// next tick (bench/RESULTS.md, section 3). Several servers on one archive
// add to the same sums; a server that dies mid-answer leaves `answering` up
// but `busy_ns` still, so the ingest, which reads the sum, is not held.

#include <atomic>
#include <cstdint>
#include <memory>

#include "core/archive_layout.h"

namespace sovang {

class ServerActivity {
 public:
  // Maps the archive's activity file, creating it when `create` (the
  // server's side); null when it does not exist and !create, or cannot be
  // opened or mapped (activity is advice: nothing fails without it).
  static std::unique_ptr<ServerActivity> Open(const ArchiveLayout& layout, bool create);
  ~ServerActivity();
  ServerActivity(const ServerActivity&) = delete;
  ServerActivity& operator=(const ServerActivity&) = delete;

  // Something is being answered from Begin to its End, which takes what
  // Begin returned (its start). Any thread; a pair may span two threads.
  std::int64_t Begin();
  void End(std::int64_t begun);

  struct Reading {
    std::int32_t answering = 0;  // begun and not ended
    std::int64_t busy_ns = 0;    // time from Begin to End, summed over every pair ended
    std::int64_t at_ns = 0;      // when read (CLOCK_MONOTONIC, the same for every process)
  };
  Reading Read() const;
  static std::int64_t Now();  // CLOCK_MONOTONIC ns, as Reading::at_ns

 private:
  struct Shared {
    std::atomic<std::int32_t> answering;
    std::atomic<std::int64_t> busy_ns;
  };
  static_assert(std::atomic<std::int32_t>::is_always_lock_free && std::atomic<std::int64_t>::is_always_lock_free,
                "shared between processes: lock-free atomics only");

  explicit ServerActivity(Shared* shared) : shared_(shared) {}
  Shared* shared_;
};

}  // namespace sovang
