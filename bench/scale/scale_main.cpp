// sovang-scale: builds archives of synthetic records through the real store
// and index code and measures them. Driven by bench/scale/run.sh.
//
//   sovang-scale build   --data DIR --records N [--seed S]   (the index comes out compacted)
//   sovang-scale queries --data DIR --count N [--seed S]        > queries.jsonl
//   sovang-scale latency --data DIR --queries FILE [--passes cold,warm] [--limit N] [--facets 0|1] [--slowest N]
//                        [--rank-small 0|1] [--hits FILE]   (FILE: each query's hits and totals, last pass)
//                                                                (in-process search)
//   sovang-scale certificates --data DIR --count N [--seed S]   > codes.txt
//                     (registers the original certificate of N records, as ingest does)
//   sovang-scale verify  --data DIR --codes FILE [--threads T] [--seconds S]
//                     (in-process Certificates::VerifyCode, and the cost of
//                      one verification-log row per lookup as the server writes it)
//   printf 'pw\n' | sovang-scale staff-user --data DIR --name N --role R
//                     (stand-in for `sovang user add` while it is not wired)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/award_catalog.h"
#include "core/cpu_time.h"
#include "core/gazetteer.h"
#include "index/indexer.h"
#include "index/searcher.h"
#include "ingest/index_sync.h"
#include "store/database.h"
#include "store/certificates.h"
#include "store/records.h"
#include "store/staff_users.h"
#include "store/verification_log.h"
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

// CPU time of the calling thread, ms: a query's own cost, whatever else the
// machine runs (wall-clock latency on a shared 2-core machine mostly measures
// the neighbours).
double ThreadCpuMs() { return sovang::ThreadCpuSeconds() * 1e3; }

// p50/p90/p99/max/mean of v (sorted here), keys prefixed ("" or "cpu_").
void AddPercentiles(std::vector<double>& v, const std::string& key_prefix, nlohmann::json& out) {
  std::sort(v.begin(), v.end());
  double sum = 0;
  for (double x : v) sum += x;
  out[key_prefix + "p50_ms"] = v[v.size() / 2];
  out[key_prefix + "p90_ms"] = v[std::min(v.size() - 1, v.size() * 90 / 100)];
  out[key_prefix + "p99_ms"] = v[std::min(v.size() - 1, v.size() * 99 / 100)];
  out[key_prefix + "max_ms"] = v.back();
  out[key_prefix + "mean_ms"] = sum / static_cast<double>(v.size());
}

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

  // The bulk path: a fresh index rebuilt from the store, what `sovang reindex`
  // does (a writer per core into parts, merged into one compacted index).
  fs::remove_all(data / "index");
  const auto index_start = Clock::now();
  const std::int64_t indexed = sovang::ingest::RebuildIndexAt(db, data / "index");
  const double index_s = Seconds(index_start);
  // The merge writes a compacted index (index/compact.h's MergeIndexes): the
  // rebuild's time includes the compaction.
  nlohmann::json out = {{"records", count},
                              {"store_seconds", store_s},
                              {"store_records_per_s", count / store_s},
                              {"index_seconds", index_s},
                              {"index_records_per_s", indexed / index_s},
                              {"store_bytes", DirBytes(data / "sovang.db") + (fs::exists(data / "sovang.db-wal") ? DirBytes(data / "sovang.db-wal") : 0)},
                              {"compacted", true},
                              {"index_threads", std::max(1u, std::thread::hardware_concurrency())},
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
  const char* kinds[] = {"exact_name", "folded_name", "name_year", "typo", "field_filter", "decision_number", "book_number", "name_commune"};
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
    else {  // surname + given name + commune, as a clerk types it ("Nguyễn Thạch Lộc Yên")
      const std::size_t first = name.find(' '), last = name.rfind(' ');
      q = first == std::string::npos ? name : name.substr(0, first) + name.substr(last);
      q += " " + r->value(FieldId::kCommune);
    }
    std::cout << nlohmann::json{{"kind", kind}, {"query", q}, {"expected", id}}.dump() << "\n";
  }
  return 0;
}

int Latency(const fs::path& data, const fs::path& queries_file, const std::string& passes, int limit, bool facets,
            int slowest, bool rank_small, const std::string& hits_file) {
  struct Query { std::string kind, query, expected; };
  std::vector<Query> queries;
  std::ifstream in(queries_file);
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    queries.push_back({j["kind"], j["query"], j.value("expected", "")});
  }
  const auto open_start = Clock::now();
  sovang::index::Searcher searcher =
      sovang::index::Searcher::Open(data / "index", {.rank_small_stages = rank_small});
  const double open_ms = Seconds(open_start) * 1000;
  nlohmann::json out = {{"open_ms", open_ms}};
  std::vector<std::string> pass_names;
  for (std::size_t start = 0; start <= passes.size();) {
    const std::size_t comma = std::min(passes.find(',', start), passes.size());
    if (comma > start) pass_names.push_back(passes.substr(start, comma - start));
    start = comma + 1;
  }
  for (const std::string& pass : pass_names) {
    std::map<std::string, std::vector<double>> ms, cpu_ms;
    std::map<std::string, int> errors_of, found_of;  // found: the expected record among the hits
    std::vector<std::pair<double, const Query*>> by_cpu;  // for --slowest
    std::vector<nlohmann::json> hits_of(hits_file.empty() ? 0 : queries.size());  // for --hits
    int errors = 0;
    std::string first_error;
    for (const Query& query : queries) {
      const auto& [kind, q, expected] = query;
      const auto t = Clock::now();
      const double cpu_start = ThreadCpuMs();
      bool found = false;
      try {
        const auto result = searcher.Search({.query = q, .limit = limit, .offset = 0, .facets = facets});
        for (const auto& hit : result.hits) found = found || hit.id == expected;
        if (!hits_file.empty()) {
          nlohmann::json hits = nlohmann::json::array();
          for (const auto& hit : result.hits) hits.push_back({hit.id, hit.score});
          nlohmann::json facet_counts = nlohmann::json::object();
          for (const auto& [name, values] : result.facets)
            for (const auto& v : values) facet_counts[name][v.value] = v.count;
          hits_of[&query - queries.data()] = {{"query", q},
                                              {"total", result.total},
                                              {"hits", hits},
                                              {"facets", facet_counts},
                                              {"facets_exact", result.facets_exact}};
        }
      } catch (const std::exception& e) {
        ++errors;
        ++errors_of[kind];
        if (first_error.empty()) first_error = kind + ": " + q + ": " + e.what();
      }
      const double elapsed = Seconds(t) * 1000;
      const double cpu = ThreadCpuMs() - cpu_start;
      ms[kind].push_back(elapsed);
      ms["all"].push_back(elapsed);
      cpu_ms[kind].push_back(cpu);
      cpu_ms["all"].push_back(cpu);
      if (slowest > 0) by_cpu.emplace_back(cpu, &query);
      if (found) ++found_of[kind], ++found_of["all"];
    }
    nlohmann::json per;
    for (auto& [kind, v] : ms) {
      nlohmann::json& k = per[kind];
      k = {{"n", v.size()},
           {"errors", kind == "all" ? errors : errors_of[kind]},
           {"found_share", static_cast<double>(found_of[kind]) / static_cast<double>(v.size())}};
      AddPercentiles(v, "", k);
      AddPercentiles(cpu_ms[kind], "cpu_", k);
    }
    out[pass] = {{"latency", per}, {"errors", errors}, {"first_error", first_error}};
    if (!hits_file.empty()) {
      std::ofstream hits_out(hits_file);
      for (const nlohmann::json& h : hits_of) hits_out << h.dump() << "\n";
    }
    // The slowest queries by CPU time, to stderr: where a tail comes from.
    std::sort(by_cpu.begin(), by_cpu.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < by_cpu.size() && i < static_cast<std::size_t>(slowest); ++i)
      std::fprintf(stderr, "%s slowest %zu: %.3f ms cpu  %s  %s\n", pass.c_str(), i + 1, by_cpu[i].first,
                   by_cpu[i].second->kind.c_str(), by_cpu[i].second->query.c_str());
  }
  out["limit"] = limit;
  out["facets"] = facets;
  std::cout << out.dump() << "\n";
  return 0;
}

int Certificates(const fs::path& data, std::int64_t count, std::uint64_t seed) {
  sovang::store::Database db = sovang::store::Database::Open(data / "sovang.db");
  sovang::store::Records records(db);
  const std::int64_t total = records.Count();
  std::mt19937_64 rng(seed);
  std::vector<std::string> codes;
  const auto start = Clock::now();
  const std::int64_t batch = 5000;
  for (std::int64_t done = 0; done < count;) {
    const std::int64_t n = std::min(batch, count - done);
    db.Transaction([&] {
      sovang::store::Certificates certs(db);
      for (std::int64_t i = 0; i < n; ++i) {
        const std::string id = "syn-" + std::to_string(1 + static_cast<std::int64_t>(rng() % total));
        codes.push_back(certs.EnsureOriginal(id).code);
      }
    });
    done += n;
  }
  const double s = Seconds(start);
  for (const auto& c : codes) std::cout << c << "\n";
  std::fprintf(stderr, "{\"certificates\": %lld, \"seconds\": %.2f}\n", static_cast<long long>(codes.size()), s);
  return 0;
}

int Verify(const fs::path& data, const fs::path& codes_file, int threads, double seconds) {
  std::vector<std::string> codes;
  std::ifstream in(codes_file);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) codes.push_back(line);
  if (codes.empty()) throw std::runtime_error("no codes in " + codes_file.string());
  // Lookups: each thread its own read-only connection, as the server's pool.
  std::vector<std::int64_t> done(threads, 0), valid(threads, 0);
  std::vector<std::thread> pool;
  const auto start = Clock::now();
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      sovang::store::Database db = sovang::store::Database::Open(
          data / "sovang.db", {.read_only = true, .cache_mib = sovang::store::kReaderCacheMib});
      sovang::store::Certificates certs(db);
      std::size_t i = static_cast<std::size_t>(t) * 7919;
      while (Seconds(start) < seconds) {
        for (int k = 0; k < 100; ++k, ++done[t]) {
          const auto v = certs.VerifyCode(codes[i++ % codes.size()]);
          if (v.status == "valid") ++valid[t];
        }
      }
    });
  }
  for (auto& th : pool) th.join();
  const double lookup_s = Seconds(start);
  std::int64_t lookups = 0, ok = 0;
  for (int t = 0; t < threads; ++t) lookups += done[t], ok += valid[t];
  // The log: rounds of rows, one transaction each, into the archive's log
  // file (what the server's log writer does; a round there is what 20 ms of
  // lookups bring, a few hundred rows under load).
  sovang::store::VerificationLog log = sovang::store::VerificationLog::Open(data / "verification-log.db");
  const std::vector<sovang::store::VerificationLogEntry> round(
      256, {"127.0.0.1", "code", std::string(64, 'a'), nullptr, "valid", 1});
  const auto log_start = Clock::now();
  std::int64_t rows = 0;
  while (Seconds(log_start) < std::min(seconds, 5.0)) {
    log.Append(round);
    rows += static_cast<std::int64_t>(round.size());
  }
  const double log_s = Seconds(log_start);
  const nlohmann::json out = {{"threads", threads},
                              {"lookups", lookups},
                              {"valid", ok},
                              {"lookups_per_s", lookups / lookup_s},
                              {"log_rows", rows},
                              {"log_rows_per_s", rows / log_s}};
  std::cout << out.dump() << "\n";
  return 0;
}

int StaffUser(const fs::path& data, const std::string& name, const std::string& role) {
  std::string password;
  std::getline(std::cin, password);
  sovang::store::Database db = sovang::store::Database::Open(data / "sovang.db");
  sovang::store::StaffUsers users(db);
  if (users.Find(name)) {
    std::fprintf(stderr, "user %s exists\n", name.c_str());
    return 0;
  }
  users.Add(name, role, password);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: sovang-scale build|queries|latency|certificates|verify|staff-user --data DIR ...\n");
    return 2;
  }
  const std::string cmd = argv[1];
  const fs::path data = Arg(argc, argv, "data", "bench/out/scale");
  try {
    if (cmd == "build")
      return Build(data, std::stoll(Arg(argc, argv, "records", "100000")), std::stoull(Arg(argc, argv, "seed", "1")));
    if (cmd == "queries") return Queries(data, std::stoi(Arg(argc, argv, "count", "1000")), std::stoull(Arg(argc, argv, "seed", "2")));
    if (cmd == "latency")
      return Latency(data, Arg(argc, argv, "queries"), Arg(argc, argv, "passes", "cold,warm"),
                     std::stoi(Arg(argc, argv, "limit", "10")), Arg(argc, argv, "facets", "0") == "1",
                     std::stoi(Arg(argc, argv, "slowest", "0")), Arg(argc, argv, "rank-small", "1") == "1",
                     Arg(argc, argv, "hits", ""));
    if (cmd == "certificates")
      return Certificates(data, std::stoll(Arg(argc, argv, "count", "10000")), std::stoull(Arg(argc, argv, "seed", "3")));
    if (cmd == "verify")
      return Verify(data, Arg(argc, argv, "codes"), std::stoi(Arg(argc, argv, "threads", "2")),
                    std::stod(Arg(argc, argv, "seconds", "10")));
    if (cmd == "staff-user") return StaffUser(data, Arg(argc, argv, "name", "bench"), Arg(argc, argv, "role", "verifier"));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sovang-scale %s: %s\n", cmd.c_str(), e.what());
    return 3;
  }
  std::fprintf(stderr, "unknown command %s\n", cmd.c_str());
  return 2;
}
