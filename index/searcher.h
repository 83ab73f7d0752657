#pragma once
// Answers clerks' queries from the index: names with or without marks, typos,
// surname variants, field syntax (ten:, nam:1930, nam:1925..1935, xa:, huyen:,
// khen:, so:), decision numbers with any separators. The index is opened
// through one factory so a remote or sharded database can stand behind it.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/record.h"

namespace sovang::index {

struct SearchRequest {
  std::string query;
  int limit = 20;
  int offset = 0;
  bool facets = true;
};

struct SearchHit {
  std::string id;
  double score = 0.0;  // 0..1, relative to the best hit
  Record record;       // as indexed
  std::string snippet; // matched words marked with <mark>…</mark>, HTML-escaped
};

struct FacetValue {
  std::string value;
  std::int64_t count = 0;
};

struct SearchResult {
  std::int64_t total = 0;  // estimated matches
  std::vector<SearchHit> hits;
  std::map<std::string, std::vector<FacetValue>> facets;  // "award", "district", "decade"
};

class Searcher {
 public:
  // Opens the index read-only. A missing index reads as empty.
  static Searcher Open(const std::filesystem::path& dir);
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  ~Searcher();

  // Throws Error(kInvalidArgument) for a malformed query.
  SearchResult Search(const SearchRequest& request);
  // Picks up commits made since opening.
  void Reopen();

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sovang::index
