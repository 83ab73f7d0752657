#pragma once
// What handlers share: the archive (store connections, index searchers), the
// options and the authenticator. One per Server; safe to use from every
// request thread at once.
//
// SQLite connections and Xapian databases are single-threaded, so readers and
// searchers come from pools and are leased for the length of a request. The
// store has one writer connection, used under a mutex, and the archive's
// writer lock (core/archive_layout.h) is held only while writing, so a
// `sovang ingest` can run while the server serves (its new records show up in
// search within about a second).

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

#include "core/archive_layout.h"
#include "index/searcher.h"
#include "server/pool.h"
#include "server/principal.h"
#include "server/search_cache.h"
#include "server/server.h"
#include "store/database.h"

namespace sovang::server {

class AppContext {
 public:
  // Opens (creating if missing) and migrates the archive, and brings the index
  // up to date with the store's outbox when no other process is writing.
  // REQUIRES: options resolved (ResolveOptions). Throws sovang::Error.
  explicit AppContext(ServerOptions options);
  AppContext(const AppContext&) = delete;
  AppContext& operator=(const AppContext&) = delete;
  ~AppContext();

  const ServerOptions& options() const { return options_; }
  const ArchiveLayout& layout() const { return layout_; }

  // A read-only store connection for the caller alone while the lease lives.
  using DbLease = Pool<store::Database>::Lease;
  // While one lives on a thread, Reader() never waits for a reader to come
  // back: the dispatcher holds one while it answers on an event loop, which
  // must not block (server/event_server.h).
  class NoWaitScope {
   public:
    NoWaitScope();
    ~NoWaitScope();
    NoWaitScope(const NoWaitScope&) = delete;
    NoWaitScope& operator=(const NoWaitScope&) = delete;
    static bool active();

   private:
    bool previous_;
  };
  DbLease Reader();

  // The store's data version (store::Database::DataVersion, on a connection
  // kept for asking it): it changes with every commit to the archive, by this
  // server or by another process, so an answer derived from the store and
  // kept with the version it was made at holds while the version does. Reads
  // it under a mutex (a read transaction's start, no page read). Throws Error.
  std::int64_t StoreVersion();

  // Runs `fn` on the writer connection in one transaction (rolled back if it
  // throws), holding the archive writer lock meanwhile, then applies the
  // outbox to the index. Writes are serialised. Throws Error(kConflict) when
  // another process keeps the archive locked for more than about 2 s.
  void Write(const std::function<void(store::Database&)>& fn);

  // A search's answer as the API sends it (index::SearchResultToJson): from
  // the answer cache when the index is unchanged since it was made, else from
  // a searcher of the pool. A searcher re-opens the index when it was last
  // checked more than a second ago, so commits from the writer or another
  // process show up quickly. The body is gzip-deflated when `accept_gzip`,
  // else plain JSON.
  struct SearchAnswer {
    std::string body;
    bool gzip = false;    // body is gzip-deflated
    bool cached = false;  // it came from the answer cache
  };
  SearchAnswer AnswerSearch(const index::SearchRequest& request, bool accept_gzip);
  // The answer when the cache holds it for the index as it is and a searcher
  // is idle to say so; nullopt otherwise. Never searches, never waits for a
  // searcher: the event loops ask this before handing a search to a worker.
  std::optional<SearchAnswer> CachedSearchAnswer(const index::SearchRequest& request, bool accept_gzip);
  const SearchCache& search_cache() const { return search_cache_; }

  // The authenticator in force (NoAuthenticator until one is installed).
  Authenticator& authenticator() const { return *authenticator_; }
  // REQUIRES: called while routes are registered, before serving.
  void SetAuthenticator(std::unique_ptr<Authenticator> authenticator);

 private:
  struct Searchers;
  void SyncIndexLocked();

  ServerOptions options_;
  ArchiveLayout layout_;
  std::mutex write_mu_;
  std::unique_ptr<store::Database> writer_;
  Pool<store::Database> readers_;
  std::mutex version_mu_;
  std::unique_ptr<store::Database> version_watcher_;  // never writes: sees every commit
  std::unique_ptr<Searchers> searchers_;
  SearchCache search_cache_;
  std::unique_ptr<Authenticator> authenticator_;
};

}  // namespace sovang::server
