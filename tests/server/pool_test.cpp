// The pool of store readers and searchers: objects reused, never shared, and
// with a bound, a thread waits for one to come back instead of opening more.

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "server/pool.h"

using sovang::server::Pool;

TEST_CASE("A pool reuses what comes back and opens more only when all are busy", "[server][pool]") {
  int made = 0;
  Pool<int> pool([&] { return std::make_unique<int>(++made); });
  {
    auto a = pool.Acquire();
    auto b = pool.Acquire();
    CHECK(*a != *b);
  }
  CHECK(made == 2);
  CHECK(pool.idle_count() == 2);
  { auto c = pool.Acquire(); }
  CHECK(made == 2);
}

TEST_CASE("A bounded pool makes a thread wait for an object instead of opening more", "[server][pool]") {
  std::atomic<int> made{0};
  Pool<int> pool([&] { return std::make_unique<int>(++made); }, 2);
  std::atomic<bool> got_third{false};
  std::thread waiter;
  {
    auto a = pool.Acquire();
    auto b = pool.Acquire();
    waiter = std::thread([&] {
      auto c = pool.Acquire();
      got_third = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK_FALSE(got_third);  // both busy, none more opened
    b.Discard();  // a broken one frees its place: the waiter opens a new one
    waiter.join();
  }
  CHECK(got_third);
  CHECK(made == 3);
}

TEST_CASE("TryAcquire hands out an idle object or nothing, never opening one", "[server][pool]") {
  int made = 0;
  Pool<int> pool([&] { return std::make_unique<int>(++made); });
  CHECK_FALSE(pool.TryAcquire());
  CHECK(made == 0);
  { auto a = pool.Acquire(); }
  {
    auto b = pool.TryAcquire();
    REQUIRE(b);
    CHECK(**b == 1);
    CHECK_FALSE(pool.TryAcquire());  // the only one is out
  }
  CHECK(pool.idle_count() == 1);
  CHECK(made == 1);
}

TEST_CASE("A thread that must not wait opens one more past the bound", "[server][pool]") {
  int made = 0;
  Pool<int> pool([&] { return std::make_unique<int>(++made); }, 1);
  auto held = pool.Acquire();
  auto extra = pool.Acquire(/*may_wait=*/false);  // would wait forever with may_wait
  CHECK(*extra == 2);
  CHECK(made == 2);
}
