#pragma once
// Answers clerks' queries from the index: names with or without marks, typos,
// surname variants, field syntax (ten:, nam:1930, nam:1925..1935, xa:, huyen:,
// tinh:, khen:, so:), decision numbers with any separators, places that
// changed names. The index is opened through one factory
// (index/database_factory.h) so a remote or sharded database can stand behind
// it.
//
// THREADS: a Searcher is not thread-safe (Xapian::Database is not). Use one
// Searcher per thread (the server keeps one per worker thread); Searchers on
// the same directory share the read-only caches (folded vocabulary, places)
// behind the scenes.
//
// What matches: every typed word (folded, so a query without marks finds
// marked names; Văn/Thị in the middle of a name are optional; Hoàng/Huỳnh and
// Vũ/Võ are one surname); a free-text word matches a name, or a recognised
// award phrase ("kháng chiến") or place ("Lộc Yên", with its old and new
// names); fields restrict. How it ranks (index/query_builder.h
// QueryWeights): a birth year in free text > exact marks > tone variants
// (hòa/hoà) > folded only; adjacent name words count extra, a name that is
// exactly the typed words (no extra Văn/Thị) too; place words only
// filter, so "kháng chiến" ranks the award above the commune Kháng Chiến.
//
// In stages, each ranked below the one before: (1) records whose name has the
// typed words in order (Văn/Thị may be missing or extra); (2) the same words
// scattered, only when that is cheap (rare words: for a common name it would
// mean walking hundreds of thousands of postings at 10M records); (2b) where
// two places in free text share words ("Nguyễn Bình Gia Lộc": the district
// Bình Gia, or the commune Gia Lộc), the other reading, exact too, only when
// the stages before cannot fill the page; (3) the
// name with a place phrase of free text left out (the records carry a
// commune the gazetteer does not link to the typed one), only when the exact
// stages cannot fill the page, marked `approximate`; (4) typo hits (one edit,
// two in words of 7+ letters; a swap of two letters is one edit; an edit at
// the first letter only as the one edit), when the page is still not full,
// marked `approximate`. Within a
// stage, when the matches are too many to weigh one by one, the records
// holding every piece of evidence come first and the rest follow in index
// order.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/record.h"

namespace sovang {
class Gazetteer;
class AwardCatalog;
}  // namespace sovang

namespace sovang::index {

struct SearchRequest {
  std::string query;
  int limit = 20;
  int offset = 0;
  bool facets = true;
};

// A place on a hit whose name has changed since: the record keeps what was
// written, the hit shows both.
struct PlaceNote {
  std::string field;                // "commune" | "district" | "province"
  std::string written;              // as on the record
  std::vector<std::string> current; // what it is called now
};

struct SearchHit {
  std::string id;
  double score = 0.0;  // 0..1, relative to the best hit
  Record record;       // as indexed
  std::string snippet; // matched words marked with <mark>…</mark>, HTML-escaped
  std::vector<PlaceNote> places;  // renamed places on this record (may be empty)
  bool approximate = false;       // found only by typo tolerance or with a free-text place left
                                  // out (ranks below exact hits)
};

struct FacetValue {
  std::string value;
  std::int64_t count = 0;
};

struct SearchResult {
  std::int64_t total = 0;  // estimated matches
  std::vector<SearchHit> hits;
  std::map<std::string, std::vector<FacetValue>> facets;  // "award", "district", "decade"
  // False when there were more matches than SearcherOptions::facet_sample:
  // the counts are then a sample scaled up to the total.
  bool facets_exact = true;
};

struct SearcherOptions {
  // Place history for expanding place names; nullptr = Gazetteer::Default()
  // (no expansion when that cannot be loaded). Must outlive the Searcher.
  const Gazetteer* gazetteer = nullptr;
  // Award catalog for khen: codes and names; nullptr = AwardCatalog::Default()
  // (none when it cannot be loaded). Must outlive the Searcher.
  const AwardCatalog* awards = nullptr;
  // Totals and facets count at most this many matching documents (in index
  // order); past that they are estimates (counts scaled up to the estimated
  // total, facets_exact = false). Keeps broad queries fast at 10M records.
  int facet_sample = 500;
  int facet_values = 20;  // values per facet
  // Rank a stage that matches a few dozen documents from their term lists
  // rather than through the boosts' postings lists (index/ranked_page.h):
  // the same hits, cheaper. False only to compare the two.
  bool rank_small_stages = true;
};

class Searcher {
 public:
  // Opens the index read-only. A missing index reads as empty. `dir` may also
  // be a Xapian stub file listing shards (local or remote).
  static Searcher Open(const std::filesystem::path& dir);
  static Searcher Open(const std::filesystem::path& dir, const SearcherOptions& options);
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  ~Searcher();

  // Throws Error(kInvalidArgument) for a malformed query or bad limit/offset
  // (limit 0..1000, offset >= 0), Error(kIndex) when the index fails. A blank
  // query matches every record (newest documents last).
  SearchResult Search(const SearchRequest& request);
  // Picks up commits made since opening.
  void Reopen();
  // Names the state of the index this searcher reads: its UUID and revision,
  // which change with every commit and when the index is replaced. Empty when
  // there is no such name (a missing index, several shards): an answer from
  // such an index must not be cached.
  std::string Version() const;

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sovang::index
