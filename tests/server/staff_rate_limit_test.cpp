#include <catch2/catch.hpp>

#include "server/rate_limit.h"

using namespace sovang::server;
using namespace std::chrono_literals;

TEST_CASE("A token bucket allows a burst, then the steady rate, per key", "[server][staff]") {
  TokenBucket bucket({3, 1.0, 100});
  const auto t0 = RateClock::time_point{} + 1h;
  for (int i = 0; i < 3; ++i) CHECK(bucket.Take("a", t0) == 0);
  CHECK(bucket.Take("a", t0) == 1);
  CHECK(bucket.Take("b", t0) == 0);  // another client is not affected
  CHECK(bucket.Take("a", t0 + 1s) == 0);
  CHECK(bucket.Take("a", t0 + 1s) >= 1);
  CHECK(bucket.Take("a", t0 + 10s) == 0);  // refilled, up to the burst
}

TEST_CASE("A token bucket forgets the least recent keys beyond its size", "[server][staff]") {
  TokenBucket bucket({1, 0.001, 2});
  const auto t0 = RateClock::time_point{} + 1h;
  CHECK(bucket.Take("a", t0) == 0);
  CHECK(bucket.Take("a", t0) > 0);
  CHECK(bucket.Take("b", t0) == 0);
  CHECK(bucket.Take("c", t0) == 0);  // "a" is forgotten
  CHECK(bucket.Take("a", t0) == 0);
}

TEST_CASE("Failures lock a key for what is left of the window", "[server][staff]") {
  FailureThrottle throttle({3, 15min, 100});
  const auto t0 = RateClock::time_point{} + 1h;
  for (int i = 0; i < 3; ++i) {
    CHECK(throttle.RetryAfter("u", t0 + i * 1min) == 0);
    throttle.RecordFailure("u", t0 + i * 1min);
  }
  CHECK(throttle.RetryAfter("u", t0 + 3min) == 12 * 60);
  CHECK(throttle.RetryAfter("v", t0 + 3min) == 0);
  CHECK(throttle.RetryAfter("u", t0 + 15min) == 0);  // the first failure left the window
  throttle.Reset("u");
  CHECK(throttle.RetryAfter("u", t0 + 3min) == 0);
}
