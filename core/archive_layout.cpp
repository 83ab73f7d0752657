#include "core/archive_layout.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace sovang {

namespace {

[[noreturn]] void ThrowErrno(const std::string& what, const std::filesystem::path& p) {
  throw Error(Errc::kIo, what + " " + p.string() + ": " + std::strerror(errno));
}

void FsyncPath(const std::filesystem::path& p, int flags) {
  const int fd = ::open(p.c_str(), flags);
  if (fd < 0) ThrowErrno("cannot open", p);
  if (::fsync(fd) != 0) {
    ::close(fd);
    ThrowErrno("cannot fsync", p);
  }
  ::close(fd);
}

}  // namespace

void ArchiveLayout::CreateDirectories() const {
  std::error_code ec;
  for (const auto& d : {root, index_dir(), masters_dir(), root / "pages", root / "hocr"}) {
    std::filesystem::create_directories(d, ec);
    if (ec) throw Error(Errc::kIo, "cannot create " + d.string() + ": " + ec.message());
  }
}

std::filesystem::path DefaultArchiveDir() {
  if (const char* env = std::getenv("SOVANG_DATA"); env && *env) return env;
  return "archive";
}

WriterLock::WriterLock(const ArchiveLayout& layout) {
  fd_ = ::open(layout.lock_file().c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) ThrowErrno("cannot open lock", layout.lock_file());
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    fd_ = -1;
    throw Error(Errc::kConflict, "another sovang process is writing to " + layout.root.string());
  }
}

WriterLock::WriterLock(WriterLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

WriterLock::~WriterLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

void WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) throw Error(Errc::kIo, "cannot create " + path.parent_path().string() + ": " + ec.message());
  const std::filesystem::path tmp = path.string() + ".tmp" + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) ThrowErrno("cannot create", tmp);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      ThrowErrno("cannot write", tmp);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    ThrowErrno("cannot fsync", tmp);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) ThrowErrno("cannot rename to", path);
  FsyncPath(path.parent_path(), O_RDONLY | O_DIRECTORY);
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(std::filesystem::exists(path) ? Errc::kIo : Errc::kNotFound, "cannot read " + path.string());
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace sovang
