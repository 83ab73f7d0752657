#include "ingest/eval.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "core/decision_number.h"
#include "core/error.h"
#include "core/record_json.h"
#include "store/records.h"
#include "text/normalize.h"

namespace sovang::ingest {

namespace {

// The fields compared; award is compared through its catalog code when the
// truth has one.
constexpr FieldId kCompared[] = {FieldId::kFullName,       FieldId::kGender,       FieldId::kBirthYear,
                                 FieldId::kCommune,        FieldId::kDistrict,     FieldId::kProvince,
                                 FieldId::kAwardCode,      FieldId::kDecisionNumber, FieldId::kDecisionDate,
                                 FieldId::kBookNumber};

std::string Canonical(FieldId id, const std::string& value) {
  if (id == FieldId::kDecisionNumber) return DecisionKey(value);
  return text::CollapseSpaces(text::Nfc(value));
}

std::string PageKey(const std::string& file, int page) { return file + "#" + std::to_string(page); }

// Similarity of two names in 0..1 on folded text.
double NameSimilarity(const std::string& a, const std::string& b) {
  const std::string fa = text::Fold(a), fb = text::Fold(b);
  const int longest = static_cast<int>(std::max(text::Length(fa), text::Length(fb)));
  if (longest == 0) return 0.0;
  return 1.0 - static_cast<double>(text::EditDistance(fa, fb, longest)) / longest;
}

void Add(EvalStats& into, const EvalStats& one) {
  into.truth_records += one.truth_records;
  into.matched_records += one.matched_records;
  into.exact_records += one.exact_records;
  into.fields += one.fields;
  into.correct_fields += one.correct_fields;
  into.wrong_fields += one.wrong_fields;
  into.wrong_flagged += one.wrong_flagged;
  into.flagged_records += one.flagged_records;
  into.flagged_exact += one.flagged_exact;
  for (const auto& [k, v] : one.per_field) {
    into.per_field[k].first += v.first;
    into.per_field[k].second += v.second;
  }
}

EvalStats Compare(const Record& truth, const Record* found) {
  EvalStats s;
  s.truth_records = 1;
  s.matched_records = found ? 1 : 0;
  const bool flagged = found && found->review == ReviewState::kNeedsReview;
  bool exact = true;
  for (FieldId id : kCompared) {
    if (!truth[id].present()) continue;
    const bool right = found && Canonical(id, (*found)[id].value) == Canonical(id, truth[id].value);
    ++s.fields;
    auto& pf = s.per_field[std::string(FieldKey(id))];
    ++pf.second;
    if (right) {
      ++s.correct_fields;
      ++pf.first;
    } else {
      exact = false;
      ++s.wrong_fields;
      if (flagged) ++s.wrong_flagged;
    }
  }
  s.exact_records = exact ? 1 : 0;
  s.flagged_records = flagged ? 1 : 0;
  s.flagged_exact = flagged && exact ? 1 : 0;
  return s;
}

nlohmann::json StatsToJson(const EvalStats& s) {
  nlohmann::json per_field = nlohmann::json::object();
  for (const auto& [k, v] : s.per_field)
    per_field[k] = v.second ? static_cast<double>(v.first) / v.second : 0.0;
  return {{"truth_records", s.truth_records}, {"matched_records", s.matched_records},
          {"field_accuracy", s.FieldAccuracy()}, {"exact_record_rate", s.ExactRate()},
          {"wrong_fields", s.wrong_fields},     {"wrong_flagged_share", s.FlaggedShare()},
          {"flagged_records", s.flagged_records}, {"review_share", s.ReviewShare()},
          {"per_field", per_field}};
}

}  // namespace

TruthMatch MatchTruth(store::Database& db, const std::filesystem::path& truth_jsonl) {
  std::ifstream in(truth_jsonl);
  if (!in) throw Error(Errc::kNotFound, "không đọc được tệp chuẩn (truth) " + truth_jsonl.string());
  TruthMatch m;
  std::map<std::string, std::vector<std::size_t>> truth_by_page;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      throw Error(Errc::kInvalidArgument, truth_jsonl.string() + ":" + std::to_string(line_no) + ": " + e.what());
    }
    TruthRecord t{RecordFromJson(j), j.value("kind", "other"), j.value("degradation", "unknown"),
                  j.value("truth_key", ""), nullptr};
    truth_by_page[PageKey(t.record.source.file, t.record.source.page)].push_back(m.truth.size());
    m.truth.push_back(std::move(t));
  }

  store::Records(db).ForEach([&](const Record& r) { m.found.push_back(r); });
  std::map<std::string, std::vector<std::size_t>> found_by_page;
  for (std::size_t i = 0; i < m.found.size(); ++i)
    found_by_page[PageKey(m.found[i].source.file, m.found[i].source.page)].push_back(i);

  std::vector<bool> used(m.found.size(), false);
  for (const auto& [page, truths] : truth_by_page) {
    // Greedy matching by name similarity, best pairs first; between pairs as
    // alike (two people of one name on a page, "Hoàng Văn Sằn" twice), the
    // record nearer the truth's place on the page.
    struct Pair { double sim; long distance; std::size_t t, f; };
    auto distance = [](const Box& a, const Box& b) {
      return std::labs(static_cast<long>(a.x + a.w / 2) - (b.x + b.w / 2)) +
             std::labs(static_cast<long>(a.y + a.h / 2) - (b.y + b.h / 2));
    };
    std::vector<Pair> pairs;
    for (std::size_t t : truths)
      for (std::size_t f : found_by_page[page])
        pairs.push_back({NameSimilarity(m.truth[t].record.value(FieldId::kFullName), m.found[f].value(FieldId::kFullName)),
                         distance(m.truth[t].record.source.bbox, m.found[f].source.bbox), t, f});
    std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
      if (a.sim != b.sim) return a.sim > b.sim;
      if (a.distance != b.distance) return a.distance < b.distance;
      return std::tie(a.t, a.f) < std::tie(b.t, b.f);
    });
    for (const Pair& p : pairs) {
      if (p.sim < 0.5) break;
      if (m.truth[p.t].match || used[p.f]) continue;
      m.truth[p.t].match = &m.found[p.f];
      used[p.f] = true;
    }
  }
  m.unmatched_found = std::count(used.begin(), used.end(), false);
  return m;
}

EvalReport Evaluate(store::Database& db, const std::filesystem::path& truth_jsonl) {
  const TruthMatch m = MatchTruth(db, truth_jsonl);
  EvalReport report;
  for (const TruthRecord& t : m.truth) {
    const EvalStats s = Compare(t.record, t.match);
    Add(report.overall, s);
    Add(report.by_kind[t.kind], s);
    Add(report.by_degradation[t.degradation], s);
    Add(report.by_kind_and_degradation[t.kind + "/" + t.degradation], s);
  }
  report.extra_records = m.unmatched_found;
  return report;
}

nlohmann::json EvalReportToJson(const EvalReport& r) {
  nlohmann::json j = {{"overall", StatsToJson(r.overall)}, {"extra_records", r.extra_records}};
  for (const auto& [k, s] : r.by_kind) j["by_kind"][k] = StatsToJson(s);
  for (const auto& [k, s] : r.by_degradation) j["by_degradation"][k] = StatsToJson(s);
  for (const auto& [k, s] : r.by_kind_and_degradation) j["by_kind_and_degradation"][k] = StatsToJson(s);
  return j;
}

std::string EvalReportToText(const EvalReport& r) {
  std::ostringstream out;
  char buf[256];
  auto row = [&](const std::string& name, const EvalStats& s) {
    std::snprintf(buf, sizeof buf, "%-22s %7lld %7lld %9.1f%% %9.1f%% %9.1f%% %9.1f%%\n", name.c_str(),
                  static_cast<long long>(s.truth_records), static_cast<long long>(s.matched_records),
                  100 * s.FieldAccuracy(), 100 * s.ExactRate(), 100 * s.FlaggedShare(), 100 * s.ReviewShare());
    out << buf;
  };
  out << "group                  records   found  field acc  exact rec  wrong flagged  flagged rec\n";
  row("all", r.overall);
  for (const auto& [k, s] : r.by_kind) row(k, s);
  for (const auto& [k, s] : r.by_degradation) row(k, s);
  for (const auto& [k, s] : r.by_kind_and_degradation) row(k, s);
  out << "\nper field (all):";
  for (const auto& [k, v] : r.overall.per_field) {
    std::snprintf(buf, sizeof buf, " %s %.1f%%", k.c_str(), v.second ? 100.0 * v.first / v.second : 0.0);
    out << buf;
  }
  out << "\nrecords with no truth record: " << r.extra_records << "\n";
  return out.str();
}

}  // namespace sovang::ingest
