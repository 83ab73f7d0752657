#pragma once
// When `sovang serve` is answering, told to the other processes on its
// archive through a small memory-mapped file (DIR/server-activity): a count
// of what is being answered now and when it last changed. The ingest's OCR
// steps aside while the server is busy (ingest/server_watch.h): SCHED_IDLE
// alone does not keep an idle-policy worker from holding a CPU while a
// preempted server thread waits for the next tick (bench/RESULTS.md,
// section 3). Several servers on one archive share the count.

#include <atomic>
#include <chrono>
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

  // Something is being answered from Begin to its End (a request on a
  // worker, a batch of events on a loop).
  void Begin();
  void End();

  // Something is being answered now, or the last of it ended less than
  // `quiet` ago. A count left by a server that died mid-answer stops
  // counting `stale` after its last change.
  bool Busy(std::chrono::nanoseconds quiet, std::chrono::nanoseconds stale = std::chrono::seconds(1)) const;

 private:
  struct Shared {
    std::atomic<std::int32_t> answering;
    std::atomic<std::int64_t> changed_ns;  // CLOCK_MONOTONIC, the same for every process
  };
  static_assert(std::atomic<std::int32_t>::is_always_lock_free && std::atomic<std::int64_t>::is_always_lock_free,
                "shared between processes: lock-free atomics only");

  explicit ServerActivity(Shared* shared) : shared_(shared) {}
  Shared* shared_;
};

}  // namespace sovang
