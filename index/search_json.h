#pragma once
// The search JSON of shared/design.md §3, shared by the CLI and the HTTP API.

#include <nlohmann/json.hpp>

#include "index/searcher.h"

namespace sovang::index {

nlohmann::json SearchResultToJson(const SearchResult& result);

}  // namespace sovang::index
