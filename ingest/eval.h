#pragma once
// `sovang eval`: how right are the archive's records? Compares them with a
// ground-truth JSONL (data-samples/*/truth.jsonl) and reports, per page kind
// and degradation level, field accuracy, the share of records exact in every
// field, the share of wrong fields that were flagged for review (a wrong
// value that nobody is told to check is the worst outcome), and the share of
// found records flagged (a review queue of right records is no use either).

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/record.h"
#include "store/database.h"

namespace sovang::ingest {

struct EvalStats {
  std::int64_t truth_records = 0;
  std::int64_t matched_records = 0;   // a record was found on the right page for it
  std::int64_t exact_records = 0;     // every compared field right
  std::int64_t fields = 0;            // fields compared (present in the truth)
  std::int64_t correct_fields = 0;
  std::int64_t wrong_fields = 0;
  std::int64_t wrong_flagged = 0;     // wrong fields in records marked needs_review
  std::int64_t flagged_records = 0;   // matched records marked needs_review (the review queue)
  std::int64_t flagged_exact = 0;     // ... of which every compared field is right
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> per_field;  // key -> (correct, compared)
  double FieldAccuracy() const { return fields ? static_cast<double>(correct_fields) / fields : 0.0; }
  double ExactRate() const { return truth_records ? static_cast<double>(exact_records) / truth_records : 0.0; }
  double FlaggedShare() const { return wrong_fields ? static_cast<double>(wrong_flagged) / wrong_fields : 1.0; }
  // Share of the found records sent to review.
  double ReviewShare() const {
    return matched_records ? static_cast<double>(flagged_records) / matched_records : 0.0;
  }
};

struct EvalReport {
  EvalStats overall;
  std::map<std::string, EvalStats> by_kind;         // ledger, annex, certificate
  std::map<std::string, EvalStats> by_degradation;  // clean, light, heavy
  std::map<std::string, EvalStats> by_kind_and_degradation;  // "ledger/heavy"
  std::int64_t extra_records = 0;  // records in the archive with no truth record
};

struct TruthRecord {
  Record record;
  std::string kind, degradation, truth_key;  // truth_key: "file#page#n"
  const Record* match = nullptr;             // the archive's record for it, if found
};

// The truth records, each paired with the archive record read from the same
// page whose name is most alike (greedy, best pairs first; at least half the
// letters alike). `found` owns the archive's records the matches point into.
struct TruthMatch {
  std::vector<Record> found;
  std::vector<TruthRecord> truth;
  std::int64_t unmatched_found = 0;
};
TruthMatch MatchTruth(store::Database& db, const std::filesystem::path& truth_jsonl);

// Throws Error(kNotFound / kInvalidArgument) for a missing or malformed truth file.
EvalReport Evaluate(store::Database& db, const std::filesystem::path& truth_jsonl);

nlohmann::json EvalReportToJson(const EvalReport& report);
std::string EvalReportToText(const EvalReport& report);

}  // namespace sovang::ingest
