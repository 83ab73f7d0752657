#pragma once
// A pool of objects that must not be shared between threads at once (SQLite
// connections, Xapian databases): Acquire hands one out exclusively, creating
// a new one when all are busy; the lease returns it when it goes away. Grows
// to the number of threads using it at the same time, or to `max` objects
// when one is given: then a thread waits for one to come back. (Each SQLite
// reader keeps a page cache of its own: 256 keep-alive connections grew 256
// readers and 660 MB of server memory.)

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace sovang::server {

template <typename T>
class Pool {
 public:
  explicit Pool(std::function<std::unique_ptr<T>()> make, std::size_t max = 0) : make_(std::move(make)), max_(max) {}
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<T> item) : pool_(pool), item_(std::move(item)) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), item_(std::move(other.item_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (item_) pool_->Return(std::move(item_));
    }
    T& operator*() const { return *item_; }
    T* operator->() const { return item_.get(); }
    // Drops the object instead of returning it (it is broken).
    void Discard() {
      item_.reset();
      pool_->Dropped();
    }

   private:
    Pool* pool_;
    std::unique_ptr<T> item_;
  };

  // REQUIRES: the pool outlives the lease. With `may_wait` false, a thread
  // that finds the pool at its bound opens one more instead of waiting (the
  // event loops, which must never wait: at most one more each).
  Lease Acquire(bool may_wait = true) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (may_wait) returned_.wait(lock, [this] { return !idle_.empty() || max_ == 0 || created_ < max_; });
      if (!idle_.empty()) {
        std::unique_ptr<T> item = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(item));
      }
      ++created_;
    }
    try {
      return Lease(this, make_());  // outside the lock: opening may be slow
    } catch (...) {
      Dropped();
      throw;
    }
  }

  // An idle object, or nullopt when none is (never waits, never creates):
  // for callers that must not block.
  std::optional<Lease> TryAcquire() {
    std::lock_guard<std::mutex> lock(mu_);
    if (idle_.empty()) return std::nullopt;
    std::unique_ptr<T> item = std::move(idle_.back());
    idle_.pop_back();
    return std::optional<Lease>(std::in_place, this, std::move(item));
  }

  std::size_t idle_count() const {
    std::lock_guard<std::mutex> lock(mu_);
    return idle_.size();
  }

 private:
  void Return(std::unique_ptr<T> item) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      idle_.push_back(std::move(item));
    }
    returned_.notify_one();
  }
  void Dropped() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      --created_;
    }
    returned_.notify_one();
  }

  std::function<std::unique_ptr<T>()> make_;
  const std::size_t max_;
  mutable std::mutex mu_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<T>> idle_;
  std::size_t created_ = 0;
};

}  // namespace sovang::server
