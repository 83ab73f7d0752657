#include "server/app_context.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <optional>
#include <thread>

#include "core/error.h"
#include "index/indexer.h"
#include "index/search_json.h"
#include "ingest/index_sync.h"
#include "server/gzip.h"
#include "server/http.h"

namespace sovang::server {

namespace {

using Clock = std::chrono::steady_clock;

// How long a searcher trusts its view of the index before re-opening it.
constexpr auto kSearcherRecheck = std::chrono::seconds(1);
// Store readers at most: each holds a page cache; more than a few per core only
// queue for the CPU anyway.
const std::size_t kMaxReaders = std::max(8u, 4 * std::thread::hardware_concurrency());
// How long a write waits for another process (an ingest) to release the archive.
constexpr auto kWriterLockWait = std::chrono::seconds(2);

std::optional<WriterLock> TryWriterLock(const ArchiveLayout& layout) {
  try {
    return WriterLock(layout);
  } catch (const Error& e) {
    if (e.code() == Errc::kConflict) return std::nullopt;
    throw;
  }
}

WriterLock WaitForWriterLock(const ArchiveLayout& layout) {
  const auto deadline = Clock::now() + kWriterLockWait;
  while (true) {
    if (auto lock = TryWriterLock(layout)) return std::move(*lock);
    if (Clock::now() >= deadline) {
      throw Error(Errc::kConflict, "the archive is being written by another process (an ingest?); try again later");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

bool IndexMissing(const std::filesystem::path& dir) {
  std::error_code ec;
  return !std::filesystem::exists(dir, ec) || std::filesystem::is_empty(dir, ec);
}

}  // namespace

struct AppContext::Searchers {
  struct Entry {
    index::Searcher searcher;
    Clock::time_point checked;
    std::uint64_t generation;
    bool opened_missing;  // the index did not exist yet when it was opened
  };

  explicit Searchers(std::filesystem::path index_dir)
      : dir(std::move(index_dir)), pool([this] { return Open(); }) {}

  std::unique_ptr<Entry> Open() {
    const bool missing = IndexMissing(dir);
    return std::make_unique<Entry>(Entry{index::Searcher::Open(dir), Clock::now(), generation.load(), missing});
  }

  // Brings a leased searcher up to date when it may be stale.
  void Refresh(Entry& e, bool force) {
    const auto now = Clock::now();
    const std::uint64_t current = generation.load();
    if (!force && e.generation == current && now - e.checked < kSearcherRecheck) return;
    if (e.opened_missing) {
      if (IndexMissing(dir)) {
        e.checked = now;
        e.generation = current;
        return;
      }
      e = Entry{index::Searcher::Open(dir), now, current, false};
      return;
    }
    e.searcher.Reopen();
    e.checked = now;
    e.generation = current;
  }

  // The answer `cache` keeps for `key` and the index as the searcher, brought
  // up to date, sees it (its version is left in `version`; empty when the
  // index cannot be cached).
  std::optional<SearchAnswer> FindCached(Entry& e, SearchCache& cache, const std::string& key, bool accept_gzip,
                                         std::string& version) {
    if (!cache.enabled()) return std::nullopt;
    Refresh(e, false);
    version = e.searcher.Version();
    if (version.empty()) return std::nullopt;
    std::shared_ptr<const CachedAnswer> kept = cache.Find(key, version);
    if (!kept) return std::nullopt;
    if (accept_gzip) return SearchAnswer{kept->gzip, true, true};
    return SearchAnswer{Gunzip(kept->gzip, kept->plain_size), false, true};
  }

  // Searches with a leased searcher brought up to date.
  index::SearchResult Search(Entry& e, const index::SearchRequest& request) {
    Refresh(e, false);
    try {
      return e.searcher.Search(request);
    } catch (const Error& error) {
      if (error.code() != Errc::kIndex) throw;
      // The index changed under the searcher (Xapian's DatabaseModifiedError):
      // re-open and try once more.
      Refresh(e, true);
      return e.searcher.Search(request);
    }
  }

  std::filesystem::path dir;
  std::atomic<std::uint64_t> generation{0};  // bumped after this process wrote the index
  Pool<Entry> pool;
};

AppContext::AppContext(ServerOptions options)
    : options_(std::move(options)),
      layout_(options_.data_dir),
      readers_([this] {
        store::OpenOptions read_only;
        read_only.read_only = true;
        read_only.cache_mib = store::kReaderCacheMib;
        return std::make_unique<store::Database>(store::Database::Open(layout_.db(), read_only));
      }, kMaxReaders),
      search_cache_(static_cast<std::size_t>(options_.search_cache_mib) << 20) {
  layout_.CreateDirectories();
  // Migrations and the catch-up of the index need the archive to ourselves;
  // when an ingest is running it has done both already.
  std::optional<WriterLock> lock = TryWriterLock(layout_);
  writer_ = std::make_unique<store::Database>(store::Database::Open(layout_.db()));
  store::OpenOptions read_only;
  read_only.read_only = true;
  version_watcher_ = std::make_unique<store::Database>(store::Database::Open(layout_.db(), read_only));
  searchers_ = std::make_unique<Searchers>(layout_.index_dir());
  if (lock) SyncIndexLocked();
  authenticator_ = std::make_unique<NoAuthenticator>(options_.public_url);
}

AppContext::~AppContext() = default;

namespace {
thread_local bool no_wait = false;
}  // namespace

AppContext::NoWaitScope::NoWaitScope() : previous_(no_wait) { no_wait = true; }
AppContext::NoWaitScope::~NoWaitScope() { no_wait = previous_; }
bool AppContext::NoWaitScope::active() { return no_wait; }

AppContext::DbLease AppContext::Reader() { return readers_.Acquire(/*may_wait=*/!NoWaitScope::active()); }

std::int64_t AppContext::StoreVersion() {
  std::lock_guard<std::mutex> lock(version_mu_);
  return version_watcher_->DataVersion();
}

void AppContext::Write(const std::function<void(store::Database&)>& fn) {
  std::lock_guard<std::mutex> serialise(write_mu_);
  WriterLock lock = WaitForWriterLock(layout_);
  writer_->Transaction([&] { fn(*writer_); });
  SyncIndexLocked();
}

void AppContext::SyncIndexLocked() {
  // The write itself is committed: an index that lags is caught up by the
  // next write or the next start, so a failure here is logged, not thrown.
  try {
    index::Indexer indexer = index::Indexer::Open(layout_.index_dir());
    if (ingest::SyncIndex(*writer_, indexer) > 0) searchers_->generation.fetch_add(1);
  } catch (const std::exception& e) {
    std::cerr << "sovang serve: index not updated: " << e.what() << "\n";
  }
}

std::optional<AppContext::SearchAnswer> AppContext::CachedSearchAnswer(const index::SearchRequest& request,
                                                                       bool accept_gzip) {
  if (!search_cache_.enabled()) return std::nullopt;
  std::optional<Pool<Searchers::Entry>::Lease> lease = searchers_->pool.TryAcquire();
  if (!lease) return std::nullopt;
  std::string version;
  return searchers_->FindCached(**lease, search_cache_,
                                SearchCacheKey(request.query, request.limit, request.offset, request.facets),
                                accept_gzip, version);
}

AppContext::SearchAnswer AppContext::AnswerSearch(const index::SearchRequest& request, bool accept_gzip) {
  const std::string key = SearchCacheKey(request.query, request.limit, request.offset, request.facets);
  std::string version;
  index::SearchResult result;
  {  // the searcher's lease: only for the look-up and the search
    auto lease = searchers_->pool.Acquire();
    if (std::optional<SearchAnswer> kept = searchers_->FindCached(*lease, search_cache_, key, accept_gzip, version)) {
      return std::move(*kept);
    }
    result = searchers_->Search(*lease, request);
    // A retry re-opened the index: the answer is of the newer version.
    if (!version.empty()) version = lease->searcher.Version();
  }
  std::string json = JsonText(index::SearchResultToJson(result));
  std::shared_ptr<const CachedAnswer> answer;
  if (!version.empty()) {
    answer = std::make_shared<CachedAnswer>(CachedAnswer{Gzip(json), json.size()});
    search_cache_.Insert(key, std::move(version), answer);
  }
  if (!accept_gzip) return {std::move(json), false, false};
  return {answer ? answer->gzip : Gzip(json), true, false};
}

void AppContext::SetAuthenticator(std::unique_ptr<Authenticator> authenticator) {
  if (!authenticator) throw Error(Errc::kInternal, "SetAuthenticator: null authenticator");
  authenticator_ = std::move(authenticator);
}

}  // namespace sovang::server
