#include "ingest/eval_search.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "core/error.h"
#include "index/searcher.h"
#include "ingest/eval.h"
#include "text/normalize.h"

namespace sovang::ingest {

namespace {

constexpr int kTop = 10;

void Add(SearchEvalStats& s, double recall, double rr) {
  ++s.queries;
  s.recall_sum += recall;
  s.rr_sum += rr;
  if (rr == 1.0) ++s.first_right;
}

nlohmann::json StatsToJson(const SearchEvalStats& s) {
  return {{"queries", s.queries}, {"recall_at_10", s.Recall()}, {"mrr", s.Mrr()}, {"first_hit_right", s.first_right}};
}

// MatchTruth pairs by name alone, so two people of one name on one page may
// be swapped (and the swap moves a birth year or a commune to the other).
// Re-pairs those among themselves by where they are on the page.
void RepairSameNamePairs(TruthMatch& m) {
  std::map<std::string, std::vector<TruthRecord*>> groups;  // file, page, folded name -> truths
  for (TruthRecord& t : m.truth)
    if (t.match)
      groups[t.record.source.file + "#" + std::to_string(t.record.source.page) + "#" +
             text::Fold(t.record.value(FieldId::kFullName))]
          .push_back(&t);
  auto centre_distance = [](const Box& a, const Box& b) {
    const double dx = (a.x + a.w / 2.0) - (b.x + b.w / 2.0), dy = (a.y + a.h / 2.0) - (b.y + b.h / 2.0);
    return dx * dx + dy * dy;
  };
  for (auto& [key, truths] : groups) {
    if (truths.size() < 2) continue;
    std::vector<const Record*> found;
    for (const TruthRecord* t : truths) found.push_back(t->match);
    struct Pair {
      double distance;
      std::size_t t, f;
    };
    std::vector<Pair> pairs;
    for (std::size_t t = 0; t < truths.size(); ++t)
      for (std::size_t f = 0; f < found.size(); ++f)
        pairs.push_back({centre_distance(truths[t]->record.source.bbox, found[f]->source.bbox), t, f});
    std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.distance < b.distance; });
    std::vector<bool> t_done(truths.size(), false), f_done(found.size(), false);
    for (const Pair& p : pairs) {
      if (t_done[p.t] || f_done[p.f]) continue;
      truths[p.t]->match = found[p.f];
      t_done[p.t] = f_done[p.f] = true;
    }
  }
}

}  // namespace

SearchEvalReport EvaluateSearch(const ArchiveLayout& layout, store::Database& db,
                                const std::filesystem::path& truth_jsonl, const std::filesystem::path& queries_jsonl) {
  TruthMatch match = MatchTruth(db, truth_jsonl);
  RepairSameNamePairs(match);
  std::map<std::string, std::string> record_of;  // truth key -> archive record id
  for (const TruthRecord& t : match.truth)
    if (t.match && !t.truth_key.empty()) record_of[t.truth_key] = t.match->id;

  std::ifstream in(queries_jsonl);
  if (!in) throw Error(Errc::kNotFound, "không đọc được tệp truy vấn " + queries_jsonl.string());
  index::Searcher searcher = index::Searcher::Open(layout.index_dir());
  SearchEvalReport report;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const nlohmann::json q = nlohmann::json::parse(line);
    const std::string kind = q.value("kind", "other");
    const std::string query = q.value("query", "");
    std::set<std::string> expected;
    for (const auto& key : q.value("expected", std::vector<std::string>{})) {
      if (auto it = record_of.find(key); it != record_of.end()) expected.insert(it->second);
      else ++report.unresolved;
    }
    if (expected.empty()) continue;  // nothing to find: extraction's miss, counted above

    double recall = 0.0, rr = 0.0;
    bool failed = false;  // the search threw (reported with its message)
    try {
      const index::SearchResult result = searcher.Search({.query = query, .limit = kTop, .offset = 0, .facets = false});
      int found = 0;
      for (std::size_t i = 0; i < result.hits.size(); ++i) {
        if (!expected.count(result.hits[i].id)) continue;
        ++found;
        if (rr == 0.0) rr = 1.0 / static_cast<double>(i + 1);
      }
      recall = static_cast<double>(found) / std::min<double>(kTop, static_cast<double>(expected.size()));
    } catch (const Error& e) {
      report.misses.push_back(kind + ": " + query + " (" + e.what() + ")");
      recall = rr = 0.0;
      failed = true;
    }
    if (recall < 1.0 && !failed) report.misses.push_back(kind + ": " + query);
    if (rr > 0.0 && rr < 1.0)
      report.late.push_back(kind + ": " + query + " (first expected hit at rank " +
                            std::to_string(static_cast<int>(1.0 / rr + 0.5)) + ")");
    Add(report.overall, recall, rr);
    Add(report.by_kind[kind], recall, rr);
  }
  return report;
}

nlohmann::json SearchEvalToJson(const SearchEvalReport& r) {
  nlohmann::json j = {{"overall", StatsToJson(r.overall)},
                      {"misses", r.misses},
                      {"late", r.late},
                      {"unresolved_expected", r.unresolved}};
  for (const auto& [k, s] : r.by_kind) j["by_kind"][k] = StatsToJson(s);
  return j;
}

std::string SearchEvalToText(const SearchEvalReport& r) {
  std::ostringstream out;
  char buf[200];
  out << "query kind         queries  recall@10     MRR   first hit right\n";
  auto row = [&](const std::string& name, const SearchEvalStats& s) {
    std::snprintf(buf, sizeof buf, "%-18s %7lld %10.3f %7.3f %10lld\n", name.c_str(), static_cast<long long>(s.queries),
                  s.Recall(), s.Mrr(), static_cast<long long>(s.first_right));
    out << buf;
  };
  row("all", r.overall);
  for (const auto& [k, s] : r.by_kind) row(k, s);
  if (r.unresolved) out << "expected records the archive does not hold (extraction misses): " << r.unresolved << "\n";
  for (const std::string& m : r.misses) out << "  miss: " << m << "\n";
  for (const std::string& m : r.late) out << "  late: " << m << "\n";
  return out.str();
}

}  // namespace sovang::ingest
