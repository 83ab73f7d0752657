#pragma once
// Internal: Xapian's exceptions become sovang::Error once, at the edge of this
// module. Caller mistakes (a query Xapian rejects) are kInvalidArgument;
// everything else Xapian throws (corrupt or locked database, I/O) is kIndex.

#include <string>
#include <string_view>
#include <utility>

#include <xapian.h>

#include "core/error.h"

namespace sovang::index {

template <typename Fn>
decltype(auto) Guard(std::string_view what, Fn&& fn) {
  try {
    return std::forward<Fn>(fn)();
  } catch (const Xapian::QueryParserError& e) {
    throw Error(Errc::kInvalidArgument, std::string(what) + ": " + e.get_msg());
  } catch (const Xapian::InvalidArgumentError& e) {
    throw Error(Errc::kInvalidArgument, std::string(what) + ": " + e.get_msg());
  } catch (const Xapian::DatabaseLockError& e) {
    throw Error(Errc::kIndex, std::string(what) + ": the index is locked by another writer (" + e.get_msg() + ")");
  } catch (const Xapian::Error& e) {
    throw Error(Errc::kIndex, std::string(what) + ": " + e.get_description());
  }
}

}  // namespace sovang::index
