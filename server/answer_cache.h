#pragma once
// Answers kept in memory for as long as what they were made from is unchanged
// (the shard request cache of a search server): an answer is stored with the
// version of its source (the index's UUID and revision for a search, the
// store's data version for a verification) and only ever returned for that
// version: a stale answer is a miss and is replaced. Bounded in bytes, least
// recently used first out, in shards so request threads rarely wait on each
// other. Thread-safe.
//
// An Answer type says what it costs with a free function found beside it:
//   std::size_t AnswerBytes(const Answer&);

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sovang::server {

struct AnswerCacheStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::size_t entries = 0;
  std::size_t bytes = 0;  // charged: answers, keys and bookkeeping
};

template <class Answer>
class AnswerCache {
 public:
  using Stats = AnswerCacheStats;

  // capacity_bytes 0: nothing is kept (every Find misses).
  explicit AnswerCache(std::size_t capacity_bytes)
      : capacity_(capacity_bytes), shard_capacity_(capacity_bytes / kShards), shards_(kShards) {}
  AnswerCache(const AnswerCache&) = delete;
  AnswerCache& operator=(const AnswerCache&) = delete;

  bool enabled() const { return capacity_ > 0; }

  // The answer kept for `key` made from `version`, or null.
  std::shared_ptr<const Answer> Find(const std::string& key, std::string_view version) {
    if (!enabled()) return nullptr;
    Shard& shard = ShardOf(key);
    std::lock_guard<std::mutex> lock(shard.mu);
    const auto found = shard.by_key.find(key);
    if (found == shard.by_key.end() || found->second->version != version) {
      misses_.fetch_add(1, std::memory_order_relaxed);
      return nullptr;
    }
    shard.lru.splice(shard.lru.begin(), shard.lru, found->second);
    hits_.fetch_add(1, std::memory_order_relaxed);
    return found->second->answer;
  }

  // Keeps `answer` (replacing one for the same key), evicting the least
  // recently used answers of its shard past the capacity. An answer larger
  // than a quarter of a shard is not kept.
  void Insert(const std::string& key, std::string version, std::shared_ptr<const Answer> answer) {
    if (!enabled() || !answer) return;
    const std::size_t charge = AnswerBytes(*answer) + 2 * key.size() + version.size() + kEntryOverhead;
    if (charge > shard_capacity_ / 4) return;
    Shard& shard = ShardOf(key);
    std::lock_guard<std::mutex> lock(shard.mu);
    if (const auto found = shard.by_key.find(key); found != shard.by_key.end()) EraseLocked(shard, found->second);
    shard.lru.push_front(Entry{key, std::move(version), std::move(answer), charge});
    shard.by_key.emplace(shard.lru.front().key, shard.lru.begin());
    shard.bytes += charge;
    while (shard.bytes > shard_capacity_) EraseLocked(shard, std::prev(shard.lru.end()));
  }

  Stats stats() const {
    Stats s;
    s.hits = hits_.load(std::memory_order_relaxed);
    s.misses = misses_.load(std::memory_order_relaxed);
    for (const Shard& shard : shards_) {
      std::lock_guard<std::mutex> lock(shard.mu);
      s.entries += shard.lru.size();
      s.bytes += shard.bytes;
    }
    return s;
  }

 private:
  // Enough shards that 2 cores' worth of request threads seldom meet on one.
  static constexpr std::size_t kShards = 16;
  // What an entry costs beyond its bytes: list node, map slot, control block.
  static constexpr std::size_t kEntryOverhead = 160;

  struct Entry {
    std::string key;
    std::string version;
    std::shared_ptr<const Answer> answer;
    std::size_t charge = 0;
  };
  struct Shard {
    mutable std::mutex mu;
    std::list<Entry> lru;  // most recently used first
    std::unordered_map<std::string_view, typename std::list<Entry>::iterator> by_key;  // views into lru's keys
    std::size_t bytes = 0;
  };

  Shard& ShardOf(const std::string& key) { return shards_[std::hash<std::string>{}(key) % shards_.size()]; }

  void EraseLocked(Shard& shard, typename std::list<Entry>::iterator it) {
    shard.bytes -= it->charge;
    shard.by_key.erase(it->key);
    shard.lru.erase(it);
  }

  std::size_t capacity_;
  std::size_t shard_capacity_;
  std::vector<Shard> shards_;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
};

}  // namespace sovang::server
