#include "core/server_activity.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

namespace sovang {
namespace {

std::int64_t MonotonicNs() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace

std::unique_ptr<ServerActivity> ServerActivity::Open(const ArchiveLayout& layout, bool create) {
  const int fd = ::open(layout.server_activity().c_str(), O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0644);
  if (fd < 0) return nullptr;
  struct stat st {};
  // A new file is zeros (nothing answered); ftruncate only
  // ever grows it, so a file another process has mapped keeps its count.
  if (::fstat(fd, &st) != 0 ||
      (st.st_size < static_cast<off_t>(sizeof(Shared)) && (!create || ::ftruncate(fd, sizeof(Shared)) != 0))) {
    ::close(fd);
    return nullptr;
  }
  void* map = ::mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return nullptr;
  return std::unique_ptr<ServerActivity>(new ServerActivity(static_cast<Shared*>(map)));
}

ServerActivity::~ServerActivity() { ::munmap(shared_, sizeof(Shared)); }

std::int64_t ServerActivity::Begin() {
  shared_->answering.fetch_add(1, std::memory_order_relaxed);
  return MonotonicNs();
}

void ServerActivity::End(std::int64_t begun) {
  shared_->busy_ns.fetch_add(MonotonicNs() - begun, std::memory_order_relaxed);
  shared_->answering.fetch_sub(1, std::memory_order_relaxed);
}

std::int64_t ServerActivity::Now() { return MonotonicNs(); }

ServerActivity::Reading ServerActivity::Read() const {
  return Reading{shared_->answering.load(std::memory_order_relaxed), shared_->busy_ns.load(std::memory_order_relaxed),
                 MonotonicNs()};
}

}  // namespace sovang
