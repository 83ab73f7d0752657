// Search latency at scale (design §5). Hidden: run it by hand,
//   SOVANG_BENCH_DOCS=1000000 SOVANG_BENCH_DIR=/tmp/sovang-bench build/tests/test_index "[.bench]"
// It builds (once; reused when SOVANG_BENCH_DIR already holds it) and
// compacts an index of generated Lạng Sơn-like records with a realistic
// surname/middle/given name distribution and some OCR damage, then times
// queries sampled from the records and prints p50/p95/p99 per class.

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>

#include <catch2/catch.hpp>

#include "core/cpu_time.h"
#include "index/compact.h"
#include "index/indexer.h"
#include "index/searcher.h"
#include "index_test_support.h"

using namespace sovang;
using namespace sovang::index;
using namespace sovang::index::testing;

namespace {

namespace fs = std::filesystem;

template <typename T>
struct Weighted {
  T value;
  double weight;
};

template <typename T>
class Picker {
 public:
  explicit Picker(std::vector<Weighted<T>> items) : items_(std::move(items)) {
    std::vector<double> w;
    for (const auto& i : items_) w.push_back(i.weight);
    dist_ = std::discrete_distribution<std::size_t>(w.begin(), w.end());
  }
  const T& operator()(std::mt19937_64& rng) { return items_[dist_(rng)].value; }

 private:
  std::vector<Weighted<T>> items_;
  std::discrete_distribution<std::size_t> dist_;
};

// Zipf-like weights over a list, flattened at the head (the commonest given
// name is about 4%).
std::vector<Weighted<std::string>> Zipf(const std::vector<std::string>& values) {
  std::vector<Weighted<std::string>> out;
  for (std::size_t i = 0; i < values.size(); ++i) out.push_back({values[i], 1.0 / static_cast<double>(i + 10)});
  return out;
}

const std::vector<std::string> kGiven = {
    "Hùng", "Dũng", "Minh", "Thành", "Hải", "Tuấn", "Hoa", "Lan", "Mai", "Hương", "Thủy", "Hà", "Nam", "Bình",
    "Cường", "Long", "Sơn", "Thắng", "Chiến", "Quang", "Phúc", "Thạch", "Đức", "Tâm", "Hòa", "Hiền", "Nga", "Liên",
    "Vân", "Yến", "Thu", "Xuân", "Đông", "Hạnh", "Phương", "Trung", "Kiên", "Khánh", "Lâm", "Lộc", "Toàn", "Tùng",
    "Việt", "Vinh", "An", "Bắc", "Cúc", "Dung", "Giang", "Hằng", "Huệ", "Khoa", "Linh", "Loan", "Ngọc", "Nhung",
    "Oanh", "Páo", "Quý", "Sáu", "Tấn", "Thanh", "Thảo", "Thịnh", "Tiến", "Trang", "Tư", "Uyên", "Vượng", "Slương",
    "Sỉư", "Pắn", "Nhì", "Năm", "Bảy", "Tám", "Chín", "Mười", "Đạt", "Hiếu", "Hậu", "Kha", "Lực", "Mạnh", "Nghĩa",
    "Phong", "Quyết", "Sinh", "Thái", "Thông", "Trọng", "Tường", "Văn", "Ý", "Ánh", "Bích", "Châu", "Diệp", "Điệp"};

const std::vector<std::string> kCommunes = {
    "Lộc Yên", "Thạch Đạn", "Hợp Thành", "Gia Cát", "Kháng Chiến", "Bắc Sơn", "Hoàng Đồng", "Tân Thanh",
    "Chi Lăng", "Mai Pha", "Quảng Lạc", "Hồng Phong", "Tân Liên", "Yên Trạch", "Bình Trung", "Hữu Lũng",
    "Đồng Đăng", "Na Dương", "Lộc Bình", "Tràng Định", "Văn Quan", "Bình Gia", "Đình Lập", "Cao Lộc"};
const std::vector<std::string> kDistricts = {"Cao Lộc", "Tràng Định", "Bắc Sơn", "Văn Lãng", "Chi Lăng",
                                             "Lộc Bình", "Hữu Lũng", "Bình Gia", "Văn Quan", "Đình Lập"};
const std::vector<std::string> kAwards = {
    "Huân chương Kháng chiến hạng Nhất", "Huân chương Kháng chiến hạng Nhì", "Huân chương Kháng chiến hạng Ba",
    "Huy chương Kháng chiến hạng Nhất",  "Huy chương Kháng chiến hạng Nhì",  "Huân chương Chiến thắng hạng Ba",
    "Huy chương Chiến thắng hạng Nhì",   "Bằng khen của Thủ tướng Chính phủ", "Huân chương Lao động hạng Ba"};
const std::vector<std::string> kIssuers = {"QĐ-CTN", "QĐ/CTN", "QĐ-TTg", "NQ/HĐNN7", "TTg", "QĐ-UBND"};

// Drops a mark or swaps a letter in one word now and then, as OCR does.
std::string Damage(const std::string& word, std::mt19937_64& rng) {
  std::string w = word;
  if (w.size() < 3) return w;
  const std::size_t i = std::uniform_int_distribution<std::size_t>(1, w.size() - 1)(rng);
  if (static_cast<unsigned char>(w[i]) < 0x80 && std::isalpha(static_cast<unsigned char>(w[i])))
    w[i] = static_cast<char>('a' + std::uniform_int_distribution<int>(0, 25)(rng));
  return w;
}

RecordSpec Generate(std::int64_t n, std::mt19937_64& rng) {
  static Picker<std::string> surnames({{"Nguyễn", 38}, {"Trần", 11}, {"Lê", 9.5}, {"Phạm", 7}, {"Hoàng", 5},
                                       {"Huỳnh", 2}, {"Phan", 4.5}, {"Vũ", 3.9}, {"Võ", 1.5}, {"Đặng", 2.1},
                                       {"Bùi", 2}, {"Đỗ", 1.4}, {"Hồ", 1.3}, {"Ngô", 1.3}, {"Dương", 1},
                                       {"Lý", 0.5}, {"Nông", 1.5}, {"Lương", 1}, {"Lộc", 0.6}, {"Bế", 0.5},
                                       {"Vi", 0.5}, {"La", 0.4}, {"Sầm", 0.2}, {"Hà", 1}, {"Chu", 0.6},
                                       {"Triệu", 0.5}, {"Mã", 0.3}});
  static Picker<std::string> middles({{"Văn", 40}, {"Thị", 35}, {"Đức", 4}, {"Hữu", 3}, {"Minh", 3}, {"Quang", 2},
                                      {"Ngọc", 2}, {"Xuân", 2}, {"Công", 2}, {"Đình", 2}, {"", 5}});
  static Picker<std::string> given(Zipf(kGiven));
  static Picker<std::string> communes(Zipf(kCommunes));
  static Picker<std::string> awards(Zipf(kAwards));
  RecordSpec s;
  s.id = "bench-" + std::to_string(n);
  std::string middle = middles(rng);
  std::string name = surnames(rng) + (middle.empty() ? "" : " " + middle) + " " + given(rng);
  if (std::uniform_int_distribution<int>(0, 49)(rng) == 0) name = Damage(name, rng);
  s.name = name;
  s.birth_year = std::uniform_int_distribution<int>(1895, 1965)(rng);
  s.commune = communes(rng);
  s.district = kDistricts[std::uniform_int_distribution<std::size_t>(0, kDistricts.size() - 1)(rng)];
  s.province = "Lạng Sơn";
  s.award = awards(rng);
  const int year = std::uniform_int_distribution<int>(1955, 2010)(rng);
  s.decision = std::to_string(std::uniform_int_distribution<int>(1, 3000)(rng)) + "/" +
               kIssuers[std::uniform_int_distribution<std::size_t>(0, kIssuers.size() - 1)(rng)];
  s.date = std::to_string(year) + "-0" + std::to_string(std::uniform_int_distribution<int>(1, 9)(rng)) + "-1" +
           std::to_string(std::uniform_int_distribution<int>(0, 9)(rng));
  s.book = std::to_string(std::uniform_int_distribution<int>(1, 9999999)(rng));
  return s;
}

// Wall time and this thread's CPU time: on a machine shared with other jobs
// the CPU time is the better measure of what a query costs.
struct Timing {
  std::string name;
  std::vector<double> ms, cpu_ms;
  void Print() {
    std::sort(ms.begin(), ms.end());
    std::sort(cpu_ms.begin(), cpu_ms.end());
    auto pct = [](const std::vector<double>& v, double p) {
      return v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))];
    };
    std::printf("%-28s n=%4zu  wall p50 %6.2f p99 %6.2f ms | cpu p50 %6.2f p95 %6.2f p99 %6.2f max %6.2f ms\n",
                name.c_str(), ms.size(), pct(ms, 0.5), pct(ms, 0.99), pct(cpu_ms, 0.5), pct(cpu_ms, 0.95),
                pct(cpu_ms, 0.99), cpu_ms.back());
  }
};

double ThreadCpuMs() { return sovang::ThreadCpuSeconds() * 1e3; }

std::string Fold(const std::string& s) {  // crude, for making unmarked queries
  static const std::vector<std::pair<std::string, std::string>> kMap = {
      {"ễ", "e"}, {"ầ", "a"}, {"ạ", "a"}, {"ă", "a"}, {"â", "a"}, {"á", "a"}, {"à", "a"}, {"ả", "a"}, {"ã", "a"},
      {"ắ", "a"}, {"ằ", "a"}, {"ấ", "a"}, {"ậ", "a"}, {"ặ", "a"}, {"ẩ", "a"}, {"đ", "d"}, {"Đ", "D"}, {"ê", "e"},
      {"é", "e"}, {"è", "e"}, {"ế", "e"}, {"ề", "e"}, {"ệ", "e"}, {"ể", "e"}, {"í", "i"}, {"ì", "i"}, {"ị", "i"},
      {"ỉ", "i"}, {"ô", "o"}, {"ơ", "o"}, {"ó", "o"}, {"ò", "o"}, {"ọ", "o"}, {"ỏ", "o"}, {"õ", "o"}, {"ố", "o"},
      {"ồ", "o"}, {"ộ", "o"}, {"ổ", "o"}, {"ỗ", "o"}, {"ớ", "o"}, {"ờ", "o"}, {"ợ", "o"}, {"ở", "o"}, {"ư", "u"},
      {"ú", "u"}, {"ù", "u"}, {"ụ", "u"}, {"ủ", "u"}, {"ũ", "u"}, {"ứ", "u"}, {"ừ", "u"}, {"ự", "u"}, {"ử", "u"},
      {"ữ", "u"}, {"ý", "y"}, {"ỳ", "y"}, {"ỹ", "y"}, {"Ý", "Y"}, {"Á", "A"}, {"Ánh", "Anh"}};
  std::string out = s;
  for (const auto& [from, to] : kMap)
    for (std::size_t p; (p = out.find(from)) != std::string::npos;) out.replace(p, from.size(), to);
  return out;
}

}  // namespace

TEST_CASE("Search latency at scale", "[.bench]") {
  const char* docs_env = std::getenv("SOVANG_BENCH_DOCS");
  const char* dir_env = std::getenv("SOVANG_BENCH_DIR");
  const std::int64_t docs = docs_env ? std::atoll(docs_env) : 200000;
  TempDir tmp;
  const fs::path base = dir_env ? fs::path(dir_env) : tmp.path();
  const fs::path built = base / ("built-" + std::to_string(docs));
  const fs::path compacted = base / ("compact-" + std::to_string(docs));

  std::mt19937_64 rng(20240601);
  std::vector<RecordSpec> samples;
  if (!fs::exists(compacted)) {
    const auto t0 = std::chrono::steady_clock::now();
    Indexer indexer = Indexer::Open(built);
    for (std::int64_t n = 0; n < docs; ++n) {
      const RecordSpec s = Generate(n, rng);
      indexer.Upsert(MakeRecord(s));
      if ((n + 1) % 100000 == 0) {
        indexer.Commit(n + 1);
        std::fprintf(stderr, "indexed %lld\n", static_cast<long long>(n + 1));
      }
    }
    indexer.Commit(docs);
    const auto t1 = std::chrono::steady_clock::now();
    CompactIndex(built, compacted);
    const auto t2 = std::chrono::steady_clock::now();
    std::printf("indexed %lld records in %.1f s, compacted in %.1f s\n", static_cast<long long>(docs),
                std::chrono::duration<double>(t1 - t0).count(), std::chrono::duration<double>(t2 - t1).count());
    rng.seed(20240601);
  }
  // Queries come from records the generator made (same seed).
  for (int i = 0; i < 2000; ++i) {
    RecordSpec s = Generate(i, rng);
    if (i % 5 == 0) samples.push_back(s);
  }

  Searcher searcher = Searcher::Open(compacted);
  auto time = [&](Timing& t, const std::string& q, bool facets = true) {
    const double cpu = ThreadCpuMs();
    const auto a = std::chrono::steady_clock::now();
    const SearchResult r = searcher.Search({.query = q, .limit = 20, .offset = 0, .facets = facets});
    const auto b = std::chrono::steady_clock::now();
    t.cpu_ms.push_back(ThreadCpuMs() - cpu);
    t.ms.push_back(std::chrono::duration<double, std::milli>(b - a).count());
    return r;
  };
  // Warm the caches (vocabulary, OS page cache) once.
  Timing warm{"warm-up", {}};
  for (const RecordSpec& s : samples) time(warm, s.name + " " + std::to_string(s.birth_year));

  Timing decision{"decision number", {}}, decision_nf{"decision number, no facets", {}}, book{"book number", {}},
      name{"name, marked", {}}, name_plain{"name, unmarked", {}}, name_year{"name + year", {}},
      name_nf{"name + year, no facets", {}}, fields{"fields ten: nam: xa:", {}}, typo{"name with a typo", {}},
      award{"award words (broad)", {}};
  std::int64_t found_typo = 0;
  for (const RecordSpec& s : samples) {
    time(decision, s.decision);
    time(decision_nf, s.decision, false);
    time(book, "so:" + s.book);
    time(name, s.name);
    time(name_plain, Fold(s.name));
    time(name_year, s.name + " " + std::to_string(s.birth_year));
    time(name_nf, s.name + " " + std::to_string(s.birth_year), false);
    time(fields, "ten:" + s.name + " nam:" + std::to_string(s.birth_year - 2) + ".." +
                     std::to_string(s.birth_year + 2) + " xa:" + s.commune);
    // One edit in the given name (last word): drop its last letter.
    std::string q = s.name;
    if (q.size() > 3 && static_cast<unsigned char>(q.back()) < 0x80) q.pop_back();
    q = q + " " + std::to_string(s.birth_year);
    const SearchResult r = time(typo, q);
    for (const SearchHit& h : r.hits) found_typo += h.id == s.id;
  }
  for (int i = 0; i < 50; ++i) time(award, i % 2 ? "kháng chiến" : "huy chương chiến thắng hạng nhì");
  std::printf("index: %lld documents at %s\n", static_cast<long long>(docs), compacted.c_str());
  for (Timing* t : {&decision, &decision_nf, &book, &name, &name_plain, &name_year, &name_nf, &fields, &typo, &award})
    t->Print();
  std::printf("typo queries that found their record: %lld of %zu\n", static_cast<long long>(found_typo),
              samples.size());
}
