#pragma once
// `sovang eval --search`: does the clerk's query find the person? Runs a query
// set (data-samples/*/queries.jsonl: {"kind", "query", "expected": [truth
// keys]}) against the archive's index and reports recall@10 and MRR per query
// kind. Truth keys are mapped to archive records through MatchTruth (eval.h).

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/archive_layout.h"
#include "store/database.h"

namespace sovang::ingest {

struct SearchEvalStats {
  std::int64_t queries = 0;
  double recall_sum = 0.0;  // recall@10 summed over queries
  double rr_sum = 0.0;      // reciprocal rank of the first expected hit
  std::int64_t first_right = 0;  // queries whose first hit is expected
  double Recall() const { return queries ? recall_sum / queries : 0.0; }
  double Mrr() const { return queries ? rr_sum / queries : 0.0; }
};

struct SearchEvalReport {
  SearchEvalStats overall;
  std::map<std::string, SearchEvalStats> by_kind;
  std::vector<std::string> misses;  // "kind: query" whose expected records were not in the top 10
  std::vector<std::string> late;    // "kind: query (first expected hit at rank N)" for N > 1
  std::int64_t unresolved = 0;      // expected truth keys with no archive record (extraction missed them)
};

SearchEvalReport EvaluateSearch(const ArchiveLayout& layout, store::Database& db,
                                const std::filesystem::path& truth_jsonl, const std::filesystem::path& queries_jsonl);

nlohmann::json SearchEvalToJson(const SearchEvalReport& report);
std::string SearchEvalToText(const SearchEvalReport& report);

}  // namespace sovang::ingest
