#pragma once
// In-memory limits per key (a client address, a user name), safe to use from
// every request thread at once. Memory is bounded: the least recently seen
// keys are forgotten first when a limiter holds too many.
//
// TokenBucket: a steady rate with bursts (public verification lookups).
// FailureThrottle: refuses a key after too many failures in a window (logins).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sovang::server {

using RateClock = std::chrono::steady_clock;

class TokenBucket {
 public:
  struct Options {
    double capacity = 10;           // the burst
    double per_second = 30.0 / 60;  // the steady rate (30 a minute)
    std::size_t max_keys = 100000;
  };
  explicit TokenBucket(Options options) : options_(options) {}

  // Takes one token for `key`. 0 when allowed; otherwise how many whole
  // seconds (at least 1) until a token is available (for Retry-After).
  int Take(const std::string& key, RateClock::time_point now = RateClock::now());

 private:
  struct Bucket {
    double tokens;
    RateClock::time_point last;
    std::list<std::string>::iterator lru;
  };
  Options options_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::list<std::string> lru_;  // most recent first
};

class FailureThrottle {
 public:
  struct Options {
    int max_failures = 5;  // allowed in one window
    std::chrono::seconds window = std::chrono::minutes(15);
    std::size_t max_keys = 100000;
  };
  explicit FailureThrottle(Options options) : options_(options) {}

  // 0 when `key` may try; otherwise whole seconds (at least 1) until it may
  // (the oldest failure in the window leaves it).
  int RetryAfter(const std::string& key, RateClock::time_point now = RateClock::now());
  void RecordFailure(const std::string& key, RateClock::time_point now = RateClock::now());
  void Reset(const std::string& key);

 private:
  struct Entry {
    std::deque<RateClock::time_point> failures;
    std::list<std::string>::iterator lru;
  };
  void Expire(Entry& entry, RateClock::time_point now);
  Options options_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> lru_;
};

}  // namespace sovang::server
