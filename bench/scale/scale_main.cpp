// sovang-scale: builds archives of synthetic records through the real store
// and index code and measures them. Driven by bench/scale/run.sh.
//
//   sovang-scale build   --data DIR --records N [--seed S]
//   sovang-scale queries --data DIR --count N [--seed S]        > queries.jsonl
//   sovang-scale latency --data DIR --queries FILE              (in-process search)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/award_catalog.h"
#include "core/gazetteer.h"
#include "index/indexer.h"
#include "index/searcher.h"
#include "ingest/index_sync.h"
#include "store/database.h"
#include "store/records.h"
#include "synthetic_records.h"
#include "text/normalize.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using sovang::FieldId;
using sovang::Record;

namespace {

std::string Arg(int argc, char** argv, const std::string& name, const std::string& fallback = "") {
  for (int i = 2; i + 1 < argc; ++i)
    if (argv[i] == "--" + name) return argv[i + 1];
  return fallback;
}

std::uintmax_t DirBytes(const fs::path& p) {
  std::uintmax_t total = 0;
  if (fs::is_regular_file(p)) return fs::file_size(p);
  for (const auto& e : fs::recursive_directory_iterator(p))
    if (e.is_regular_file()) total += e.file_size();
  return total;
}

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

int Build(const fs::path& data, std::int64_t count, std::uint64_t seed) {
  fs::create_directories(data);
  sovang::store::Database db = sovang::store::Database::Open(data / "sovang.db");
  sovang::store::Records records(db);
  sovang::bench::SyntheticRecords gen(seed, sovang::AwardCatalog::Default(), sovang::Gazetteer::Default());

  const auto store_start = Clock::now();
  std::vector<Record> batch;
  for (std::int64_t i = 0; i < count; ++i) {
    batch.push_back(gen.Next());
    if (batch.size() == 20000 || i + 1 == count) {
      records.PutMany(batch);
      batch.clear();
      if ((i + 1) % 1000000 == 0) std::fprintf(stderr, "stored %lld\n", static_cast<long long>(i + 1));
    }
  }
  const double store_s = Seconds(store_start);

  // The bulk path: a fresh index rebuilt from the store (what `sovang reindex` does).
  fs::remove_all(data / "index");
  const auto index_start = Clock::now();
  std::int64_t indexed = 0;
  {
    sovang::index::Indexer indexer = sovang::index::Indexer::Open(data / "index");
    indexed = sovang::ingest::RebuildIndex(db, indexer);
  }
  const double index_s = Seconds(index_start);
  const nlohmann::json out = {{"records", count},
                              {"store_seconds", store_s},
                              {"store_records_per_s", count / store_s},
                              {"index_seconds", index_s},
                              {"index_records_per_s", indexed / index_s},
                              {"store_bytes", DirBytes(data / "sovang.db") + (fs::exists(data / "sovang.db-wal") ? DirBytes(data / "sovang.db-wal") : 0)},
                              {"index_bytes", DirBytes(data / "index")}};
  std::cout << out.dump() << "\n";
  return 0;
}

// One typo: a letter of a 3+ letter token of the folded name replaced.
std::string WithTypo(const std::string& folded, std::mt19937_64& rng) {
  std::vector<std::size_t> starts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= folded.size(); ++i) {
    if (i == folded.size() || folded[i] == ' ') {
      if (i - start >= 4) starts.push_back(start + 1 + rng() % (i - start - 1));
      start = i + 1;
    }
  }
  if (starts.empty()) return folded;
  std::string out = folded;
  const std::size_t at = starts[rng() % starts.size()];
  out[at] = out[at] == 'a' ? 'e' : 'a';
  return out;
}

int Queries(const fs::path& data, int count, std::uint64_t seed) {
  sovang::store::Database db = sovang::store::Database::Open(data / "sovang.db", {.read_only = true});
  sovang::store::Records records(db);
  const std::int64_t total = records.Count();
  std::mt19937_64 rng(seed);
  const char* kinds[] = {"exact_name", "folded_name", "name_year", "typo", "field_filter", "decision_number", "book_number", "id"};
  for (int i = 0; i < count; ++i) {
    const std::string id = "syn-" + std::to_string(1 + static_cast<std::int64_t>(rng() % total));
    const auto r = records.Get(id);
    if (!r) continue;
    const std::string kind = kinds[i % 8];
    const std::string name = r->value(FieldId::kFullName);
    std::string q;
    if (kind == "exact_name") q = name;
    else if (kind == "folded_name") q = sovang::text::Fold(name);
    else if (kind == "name_year") q = sovang::text::Fold(name) + " " + r->value(FieldId::kBirthYear);
    else if (kind == "typo") q = WithTypo(sovang::text::Fold(name), rng);
    else if (kind == "field_filter") q = "ten:\"" + name + "\" nam:" + r->value(FieldId::kBirthYear);
    else if (kind == "decision_number") {  // typed with other separators: "803 qd ctn"
      q = sovang::text::Fold(r->value(FieldId::kDecisionNumber));
      std::replace_if(q.begin(), q.end(), [](char c) { return c == '/' || c == '-'; }, ' ');
    }
    else if (kind == "book_number") q = "so:" + r->value(FieldId::kBookNumber);
    else q = "id:" + id;
    std::cout << nlohmann::json{{"kind", kind}, {"query", q}, {"expected", id}}.dump() << "\n";
  }
  return 0;
}

int Latency(const fs::path& data, const fs::path& queries_file) {
  std::vector<std::pair<std::string, std::string>> queries;
  std::ifstream in(queries_file);
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    queries.emplace_back(j["kind"], j["query"]);
  }
  const auto open_start = Clock::now();
  sovang::index::Searcher searcher = sovang::index::Searcher::Open(data / "index");
  const double open_ms = Seconds(open_start) * 1000;
  nlohmann::json out = {{"open_ms", open_ms}};
  for (const char* pass : {"cold", "warm"}) {
    std::map<std::string, std::vector<double>> ms;
    int errors = 0;
    for (const auto& [kind, q] : queries) {
      const auto t = Clock::now();
      try {
        searcher.Search({.query = q, .limit = 10, .offset = 0, .facets = false});
      } catch (const std::exception&) {
        ++errors;
      }
      const double elapsed = Seconds(t) * 1000;
      ms[kind].push_back(elapsed);
      ms["all"].push_back(elapsed);
    }
    nlohmann::json per;
    for (auto& [kind, v] : ms) {
      std::sort(v.begin(), v.end());
      per[kind] = {{"n", v.size()}, {"p50_ms", v[v.size() / 2]}, {"p99_ms", v[std::min(v.size() - 1, v.size() * 99 / 100)]}};
    }
    out[pass] = {{"latency", per}, {"errors", errors}};
  }
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: sovang-scale build|queries|latency --data DIR ...\n");
    return 2;
  }
  const std::string cmd = argv[1];
  const fs::path data = Arg(argc, argv, "data", "bench/out/scale");
  try {
    if (cmd == "build") return Build(data, std::stoll(Arg(argc, argv, "records", "100000")), std::stoull(Arg(argc, argv, "seed", "1")));
    if (cmd == "queries") return Queries(data, std::stoi(Arg(argc, argv, "count", "1000")), std::stoull(Arg(argc, argv, "seed", "2")));
    if (cmd == "latency") return Latency(data, Arg(argc, argv, "queries"));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sovang-scale %s: %s\n", cmd.c_str(), e.what());
    return 3;
  }
  std::fprintf(stderr, "unknown command %s\n", cmd.c_str());
  return 2;
}
