#include "server/search_cache.h"

#include <functional>

namespace sovang::server {

namespace {

// Enough shards that 2 cores' worth of request threads seldom meet on one.
constexpr std::size_t kShards = 16;
// What an entry costs beyond its bytes: list node, map slot, control block.
constexpr std::size_t kEntryOverhead = 160;

}  // namespace

SearchCache::SearchCache(std::size_t capacity_bytes)
    : capacity_(capacity_bytes), shard_capacity_(capacity_bytes / kShards), shards_(kShards) {}

SearchCache::Shard& SearchCache::ShardOf(const std::string& key) {
  return shards_[std::hash<std::string>{}(key) % shards_.size()];
}

void SearchCache::EraseLocked(Shard& shard, std::list<Entry>::iterator it) {
  shard.bytes -= it->charge;
  shard.by_key.erase(it->key);
  shard.lru.erase(it);
}

std::shared_ptr<const CachedAnswer> SearchCache::Find(const std::string& key, std::string_view version) {
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

void SearchCache::Insert(const std::string& key, std::string version, std::shared_ptr<const CachedAnswer> answer) {
  if (!enabled() || !answer) return;
  const std::size_t charge = answer->gzip.size() + 2 * key.size() + version.size() + kEntryOverhead;
  if (charge > shard_capacity_ / 4) return;
  Shard& shard = ShardOf(key);
  std::lock_guard<std::mutex> lock(shard.mu);
  if (const auto found = shard.by_key.find(key); found != shard.by_key.end()) EraseLocked(shard, found->second);
  shard.lru.push_front(Entry{key, std::move(version), std::move(answer), charge});
  shard.by_key.emplace(shard.lru.front().key, shard.lru.begin());
  shard.bytes += charge;
  while (shard.bytes > shard_capacity_) EraseLocked(shard, std::prev(shard.lru.end()));
}

SearchCache::Stats SearchCache::stats() const {
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

std::string SearchCacheKey(std::string_view query, int limit, int offset, bool facets) {
  // The query goes last: it is the only part that may hold any character.
  std::string key = std::to_string(limit) + ' ' + std::to_string(offset) + ' ' + (facets ? '1' : '0') + ' ';
  key.append(query);
  return key;
}

}  // namespace sovang::server
