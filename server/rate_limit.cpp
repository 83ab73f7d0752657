#include "server/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace sovang::server {

namespace {

int CeilSeconds(double seconds) { return std::max(1, static_cast<int>(std::ceil(seconds))); }

// Moves `key` to the front of `lru` (or inserts it there).
template <typename Map>
typename Map::iterator Touch(Map& map, std::list<std::string>& lru, const std::string& key, std::size_t max_keys,
                             typename Map::mapped_type fresh) {
  auto it = map.find(key);
  if (it != map.end()) {
    lru.splice(lru.begin(), lru, it->second.lru);
    return it;
  }
  while (map.size() >= max_keys && !lru.empty()) {
    map.erase(lru.back());
    lru.pop_back();
  }
  lru.push_front(key);
  fresh.lru = lru.begin();
  return map.emplace(key, std::move(fresh)).first;
}

}  // namespace

int TokenBucket::Take(const std::string& key, RateClock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = Touch(buckets_, lru_, key, options_.max_keys, Bucket{options_.capacity, now, {}});
  Bucket& b = it->second;
  const double elapsed = std::chrono::duration<double>(now - b.last).count();
  b.tokens = std::min(options_.capacity, b.tokens + std::max(0.0, elapsed) * options_.per_second);
  b.last = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  return CeilSeconds((1.0 - b.tokens) / options_.per_second);
}

void FailureThrottle::Expire(Entry& entry, RateClock::time_point now) {
  while (!entry.failures.empty() && now - entry.failures.front() >= options_.window) entry.failures.pop_front();
}

int FailureThrottle::RetryAfter(const std::string& key, RateClock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return 0;
  Expire(it->second, now);
  const auto& failures = it->second.failures;
  if (static_cast<int>(failures.size()) < options_.max_failures) return 0;
  // Free again when enough of the oldest failures have left the window.
  const auto free_at = failures[failures.size() - options_.max_failures] + options_.window;
  return CeilSeconds(std::chrono::duration<double>(free_at - now).count());
}

void FailureThrottle::RecordFailure(const std::string& key, RateClock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = Touch(entries_, lru_, key, options_.max_keys, Entry{});
  Expire(it->second, now);
  it->second.failures.push_back(now);
  // Never more than needed to decide.
  while (static_cast<int>(it->second.failures.size()) > options_.max_failures) it->second.failures.pop_front();
}

void FailureThrottle::Reset(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  lru_.erase(it->second.lru);
  entries_.erase(it);
}

}  // namespace sovang::server
