#pragma once
// Internal: the one place that decides how an index location becomes a Xapian
// database, so that a remote or sharded index can stand behind the same code.
//
// Today a location is a local directory (a Glass database). Xapian also opens
// a *stub file* at the same path: a text file listing shards, one a line,
// e.g. "auto /srv/sovang/lang-son" or "remote :index-host:5050"
// (xapian-tcpsrv), which is how the one-shard-per-province plan of design §5
// plugs in without touching the searcher. Nothing else in sovang::index
// constructs a Xapian database.

#include <filesystem>
#include <optional>

#include <xapian.h>

namespace sovang::index {

// Opens for searching. nullopt when nothing exists at the location yet (an
// index not built: it reads as empty). Throws Error(kIndex).
std::optional<Xapian::Database> OpenForSearch(const std::filesystem::path& location);

// Opens (creating the directory and the database if missing) for writing.
// One writer per index: a second one gets Error(kIndex) naming the lock.
// Not durable: commits are not synced to disk (Xapian::DB_NO_SYNC), for an
// index thrown away if the process dies before it is complete.
Xapian::WritableDatabase OpenForWriting(const std::filesystem::path& dir, bool durable = true);

}  // namespace sovang::index
