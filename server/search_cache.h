#pragma once
// Recent search answers, kept for as long as the index they came from is
// unchanged (the shard request cache of a search server): clerks repeat a
// search, page back, and several look for the same person, and an answer
// from memory costs a hundredth of running the query again.
//
// An answer is stored with the index version it was made from (UUID and
// revision: any commit, a rebuild or a replaced index changes it), and is
// only ever returned for that version: a stale answer is a miss and is
// replaced. Answers are kept deflated (gzip), about a fifth of their size,
// and sent as they are to clients that accept gzip. Bounded in bytes, least
// recently used first out, in shards so request threads rarely wait on each
// other. Thread-safe.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sovang::server {

struct CachedAnswer {
  std::string gzip;            // the JSON body, gzip-deflated
  std::size_t plain_size = 0;  // its size inflated
};

class SearchCache {
 public:
  // capacity_bytes 0: nothing is kept (every Find misses).
  explicit SearchCache(std::size_t capacity_bytes);
  SearchCache(const SearchCache&) = delete;
  SearchCache& operator=(const SearchCache&) = delete;

  bool enabled() const { return capacity_ > 0; }

  // The answer kept for `key` made from index `version`, or null.
  std::shared_ptr<const CachedAnswer> Find(const std::string& key, std::string_view version);
  // Keeps `answer` (replacing one for the same key), evicting the least
  // recently used answers of its shard past the capacity. An answer larger
  // than a quarter of a shard is not kept.
  void Insert(const std::string& key, std::string version, std::shared_ptr<const CachedAnswer> answer);

  struct Stats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::size_t entries = 0;
    std::size_t bytes = 0;  // charged: answers, keys and bookkeeping
  };
  Stats stats() const;

 private:
  struct Entry {
    std::string key;
    std::string version;
    std::shared_ptr<const CachedAnswer> answer;
    std::size_t charge = 0;
  };
  struct Shard {
    mutable std::mutex mu;
    std::list<Entry> lru;  // most recently used first
    std::unordered_map<std::string_view, std::list<Entry>::iterator> by_key;  // views into lru's keys
    std::size_t bytes = 0;
  };

  Shard& ShardOf(const std::string& key);
  void EraseLocked(Shard& shard, std::list<Entry>::iterator it);

  std::size_t capacity_;
  std::size_t shard_capacity_;
  std::vector<Shard> shards_;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
};

// The cache key of a search: every parameter that shapes the answer.
std::string SearchCacheKey(std::string_view query, int limit, int offset, bool facets);

}  // namespace sovang::server
