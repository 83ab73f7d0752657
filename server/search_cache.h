#pragma once
// Recent search answers (server/answer_cache.h), kept for as long as the index
// they came from is unchanged: clerks repeat a search, page back, and several
// look for the same person, and an answer from memory costs a hundredth of
// running the query again.
//
// An answer's version is the index's UUID and revision: any commit, a rebuild
// or a replaced index changes it. Answers are kept deflated (gzip), about a
// fifth of their size, and sent as they are to clients that accept gzip.

#include <cstddef>
#include <string>
#include <string_view>

#include "server/answer_cache.h"

namespace sovang::server {

struct CachedAnswer {
  std::string gzip;            // the JSON body, gzip-deflated
  std::size_t plain_size = 0;  // its size inflated
};
inline std::size_t AnswerBytes(const CachedAnswer& answer) { return answer.gzip.size(); }

using SearchCache = AnswerCache<CachedAnswer>;

// The cache key of a search: every parameter that shapes the answer.
std::string SearchCacheKey(std::string_view query, int limit, int offset, bool facets);

}  // namespace sovang::server
