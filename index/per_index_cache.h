#pragma once
// Internal: a value derived from a whole index (its facet table, its name
// vocabulary), built once and shared by every thread of the process. One
// entry per index location; a new revision of the index builds the value
// again, unless the caller's reuse rule says the one it has still serves (an
// index being fed commits every few seconds, and rebuilding after each commit
// would cost more than the searches it serves).

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <xapian.h>

namespace sovang::index {

// What a cached value was built from.
struct IndexSnapshot {
  std::string revision;
  Xapian::doccount documents = 0;
  std::chrono::steady_clock::time_point built;
};

template <typename T>
class PerIndexCache {
 public:
  // The value for `location` at `now` (revision and document count). `build()`
  // returns a T; for a value built from another revision,
  // `reuse(built, seen, now)` says whether it still serves: `built` is what
  // it was built from, `seen` the last snapshot it served (either may say
  // "documents were only added since"). Age the rule by `built`: a reused
  // value must be built again once the rule stops holding, even when the
  // index has not changed since.
  template <typename Build, typename Reuse>
  std::shared_ptr<const T> Get(const std::string& location, const IndexSnapshot& now, Build build, Reuse reuse) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      const auto it = entries_.find(location);
      if (it != entries_.end()) {
        Entry& e = it->second;
        if (e.built.revision == now.revision) return e.value;
        if (reuse(e.built, e.seen, now)) {
          e.seen = now;
          return e.value;
        }
      }
    }
    // Built outside the lock: searches of other indexes go on meanwhile (two
    // threads may build the same value once each; the last one stays).
    auto value = std::make_shared<const T>(build());
    std::lock_guard<std::mutex> lock(mu_);
    entries_[location] = Entry{now, now, value};
    return value;
  }

 private:
  struct Entry {
    IndexSnapshot built;  // what the value was built from
    IndexSnapshot seen;   // the last snapshot it served
    std::shared_ptr<const T> value;
  };
  std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

}  // namespace sovang::index
