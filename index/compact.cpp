#include "index/compact.h"

#include <system_error>

#include <xapian.h>

#include "core/error.h"
#include "index/database_factory.h"
#include "index/xapian_guard.h"

namespace sovang::index {

void CompactIndex(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::error_code ec;
  if (std::filesystem::exists(to, ec)) throw Error(Errc::kIo, "cannot compact into " + to.string() + ": it exists");
  std::optional<Xapian::Database> db = OpenForSearch(from);
  if (!db) throw Error(Errc::kNotFound, "no index at " + from.string());
  Guard("compacting index " + from.string() + " into " + to.string(),
        [&] { db->compact(to.string(), Xapian::DBCOMPACT_NO_RENUMBER); });
}

void MergeIndexes(const std::vector<std::filesystem::path>& parts, const std::filesystem::path& to) {
  std::error_code ec;
  if (std::filesystem::exists(to, ec)) throw Error(Errc::kIo, "cannot merge into " + to.string() + ": it exists");
  if (parts.empty()) throw Error(Errc::kInvalidArgument, "no index parts to merge into " + to.string());
  Guard("merging " + std::to_string(parts.size()) + " index parts into " + to.string(), [&] {
    Xapian::Database all;
    for (const std::filesystem::path& part : parts) {
      std::optional<Xapian::Database> db = OpenForSearch(part);
      if (!db) throw Error(Errc::kNotFound, "no index part at " + part.string());
      all.add_database(*db);
    }
    all.compact(to.string());  // renumbers: each part's docids follow the previous part's
  });
}

}  // namespace sovang::index
