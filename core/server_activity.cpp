#include "core/server_activity.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace sovang {

std::int64_t ServerActivity::Now() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

std::string ServerActivity::SharedMemoryName(const ArchiveLayout& layout) {
  // FNV-1a of the archive's canonical path: the same name in every process
  // and build that opens the archive, whatever path it was given by.
  std::error_code ec;
  std::filesystem::path root = std::filesystem::weakly_canonical(std::filesystem::absolute(layout.root, ec), ec);
  if (ec) root = layout.root;
  std::string path = root.string();
  while (path.size() > 1 && path.back() == '/') path.pop_back();  // "a/x/.." comes out "a/"
  std::uint64_t hash = 14695981039346656037ull;
  for (const unsigned char c : path) hash = (hash ^ c) * 1099511628211ull;
  char name[64];
  std::snprintf(name, sizeof name, "/sovang-activity-%016llx", static_cast<unsigned long long>(hash));
  return name;
}

std::unique_ptr<ServerActivity> ServerActivity::Open(const ArchiveLayout& layout, bool create) {
  const std::string name = SharedMemoryName(layout);
  const int fd = ::shm_open(name.c_str(), O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0644);
  if (fd < 0) return nullptr;
  struct stat st {};
  // A new object is zeros (nothing answered); ftruncate only ever grows
  // it, so an object another process has mapped keeps its sums.
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

void ServerActivity::Remove(const ArchiveLayout& layout) { ::shm_unlink(SharedMemoryName(layout).c_str()); }

ServerActivity::~ServerActivity() { ::munmap(shared_, sizeof(Shared)); }

std::int64_t ServerActivity::Begin() {
  shared_->answering.fetch_add(1, std::memory_order_relaxed);
  return Now();
}

void ServerActivity::End(std::int64_t begun) {
  shared_->busy_ns.fetch_add(Now() - begun, std::memory_order_relaxed);
  shared_->answering.fetch_sub(1, std::memory_order_relaxed);
}

ServerActivity::Reading ServerActivity::Read() const {
  return Reading{shared_->answering.load(std::memory_order_relaxed), shared_->busy_ns.load(std::memory_order_relaxed),
                 Now()};
}

}  // namespace sovang
