#include "index/database_factory.h"

#include <system_error>

#include "core/error.h"
#include "index/internal/raw_tags.h"
#include "index/xapian_guard.h"

namespace sovang::index {

std::optional<Xapian::Database> OpenForSearch(const std::filesystem::path& location) {
  std::error_code ec;
  if (!std::filesystem::exists(location, ec)) return std::nullopt;
  // An empty directory is an index that was never written to.
  if (std::filesystem::is_directory(location, ec) && std::filesystem::is_empty(location, ec)) return std::nullopt;
  return Guard("opening index " + location.string(), [&] { return Xapian::Database(location.string()); });
}

Xapian::WritableDatabase OpenForWriting(const std::filesystem::path& dir, bool durable) {
  internal::StoreXapianTagsRaw();
  std::error_code ec;
  if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
  if (ec) throw Error(Errc::kIo, "cannot create " + dir.parent_path().string() + ": " + ec.message());
  return Guard("opening index " + dir.string() + " for writing",
               [&] {
                 return Xapian::WritableDatabase(dir.string(),
                                                 Xapian::DB_CREATE_OR_OPEN | (durable ? 0 : Xapian::DB_NO_SYNC));
               });
}

}  // namespace sovang::index
