#pragma once
// Where things live inside an archive directory (--data DIR).
//
//   DIR/sovang.db        SQLite store, the system of record
//   DIR/verification-log.db   public verification lookups (store/verification_log.h)
//   DIR/index/           Xapian index, derived from the store
//   DIR/masters/ab/<sha256>.<ext>   every ingested file, once, by hash
//   DIR/pages/ab/<sha256>-<page>.png   the page as decoded (what staff see)
//   DIR/hocr/ab/<sha256>-<page>.hocr   Tesseract's hOCR of the page
// The store's pages table holds these paths relative to DIR.
//   DIR/writer.lock      held by the one writing process

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace sovang {

struct ArchiveLayout {
  std::filesystem::path root;

  explicit ArchiveLayout(std::filesystem::path dir) : root(std::move(dir)) {}
  std::filesystem::path db() const { return root / "sovang.db"; }
  std::filesystem::path verification_log_db() const { return root / "verification-log.db"; }
  std::filesystem::path index_dir() const { return root / "index"; }
  std::filesystem::path masters_dir() const { return root / "masters"; }
  std::filesystem::path master(const std::string& sha256, const std::string& extension) const {
    return masters_dir() / sha256.substr(0, 2) / (sha256 + extension);
  }
  // Relative to root, as stored in the pages table.
  static std::filesystem::path PageImagePath(const std::string& sha256, int page_no) {
    return std::filesystem::path("pages") / sha256.substr(0, 2) / (sha256 + "-" + std::to_string(page_no) + ".png");
  }
  static std::filesystem::path PageHocrPath(const std::string& sha256, int page_no) {
    return std::filesystem::path("hocr") / sha256.substr(0, 2) / (sha256 + "-" + std::to_string(page_no) + ".hocr");
  }
  std::filesystem::path lock_file() const { return root / "writer.lock"; }
  // Creates the directories. Throws Error(kIo).
  void CreateDirectories() const;
};

// The archive directory from --data, else $SOVANG_DATA, else ./archive.
std::filesystem::path DefaultArchiveDir();

// Holds the archive's writer lock (flock) for its lifetime, so two writing
// processes never share one archive. Throws Error(kConflict) when another
// process holds it.
class WriterLock {
 public:
  explicit WriterLock(const ArchiveLayout& layout);
  WriterLock(WriterLock&&) noexcept;
  WriterLock& operator=(WriterLock&&) = delete;
  ~WriterLock();

 private:
  int fd_ = -1;
};

// Writes bytes to `path` durably: temp file, fsync, rename, fsync of the
// directory. Throws Error(kIo).
void WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes);
std::string ReadFile(const std::filesystem::path& path);  // Error(kIo/kNotFound)

}  // namespace sovang
