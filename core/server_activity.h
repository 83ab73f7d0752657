#pragma once
// How busy `sovang serve` is, told to the other processes on its archive
// through a few bytes of POSIX shared memory named after the archive's path
// (/dev/shm/sovang-activity-<hash>): the time spent answering, summed over
// everything answered (a loop's batch of events, a worker's request), and
// how much is being answered now. The ingest's OCR steps aside while the
// server spends more than a share of a core answering
// (ingest/server_watch.h): SCHED_IDLE alone does not keep an idle-policy
// worker from holding a CPU while a preempted server thread waits for the
// next tick (bench/RESULTS.md, section 3). Not a file in the archive: a
// page of a disk file, written through a mapping, is written back and made
// writable again through the filesystem's journal, and a server thread
// stalled ~100 ms on it while an ingest's fsyncs kept the journal busy.
// Several servers on one archive add to the same sums; a server that dies
// mid-answer leaves `answering` up but `busy_ns` still, so the ingest,
// which reads the sum, is not held.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "core/archive_layout.h"

namespace sovang {

class ServerActivity {
 public:
  // Maps the archive's activity, creating it when `create` (the server's
  // side); null when it does not exist and !create, or cannot be opened or
  // mapped (activity is advice: nothing fails without it).
  static std::unique_ptr<ServerActivity> Open(const ArchiveLayout& layout, bool create);
  // The shared memory's name for `layout` ("/sovang-activity-<hash of the
  // archive's canonical path>"), and its removal (tests; a server leaves it:
  // an ingest may hold it, and it is one page until the machine restarts).
  static std::string SharedMemoryName(const ArchiveLayout& layout);
  static void Remove(const ArchiveLayout& layout);
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
