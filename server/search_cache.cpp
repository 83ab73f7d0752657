#include "server/search_cache.h"

namespace sovang::server {

std::string SearchCacheKey(std::string_view query, int limit, int offset, bool facets) {
  // The query goes last: it is the only part that may hold any character.
  std::string key = std::to_string(limit) + ' ' + std::to_string(offset) + ' ' + (facets ? '1' : '0') + ' ';
  key.append(query);
  return key;
}

}  // namespace sovang::server
