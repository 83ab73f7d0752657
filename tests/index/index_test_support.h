#pragma once
// What the index tests share: a temp directory, records made from a few
// fields, an index filled with them, and a small gazetteer with renamed places.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "core/gazetteer.h"
#include "core/record.h"
#include "index/searcher.h"

namespace sovang::index::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct RecordSpec {
  std::string id;
  std::string name;
  int birth_year = 0;
  std::string commune, district, province;
  std::string award;
  std::string decision;  // number as printed
  std::string date;      // ISO
  std::string book;
  std::string award_code;
};

Record MakeRecord(const RecordSpec& spec);

// A gazetteer (written to `dir`) where:
//   communes Lộc Yên and Thạch Đạn (huyện Cao Lộc) merged into Tân Liên (2025);
//   Kháng Chiến (huyện Tràng Định) is a commune; so was Lộc Thanh (1981–2000);
//   Lạng Sơn and Cao Bằng merged into Cao Lạng (1975), split again (1978).
Gazetteer TestGazetteer(const std::filesystem::path& dir);

// The documents of a weighted query (CoordWeight, as the searcher ranks),
// each as its record id with its weight, in rank order.
std::vector<std::pair<std::string, double>> Ranked(const Xapian::Database& db, const Xapian::Query& q);

// The terms of `doc` that start with `prefix`, in term order.
std::vector<std::string> TermsWithPrefix(const Xapian::Document& doc, const std::string& prefix);

// Takes the terms starting with `prefix` out of every document of `db` (not
// committed): an index as written before that term family existed.
void RemoveTermsWithPrefix(Xapian::WritableDatabase& db, const std::string& prefix);

// The documents of a boolean query (at most 1000), by record id, sorted.
std::vector<std::string> Matches(const Xapian::Database& db, const Xapian::Query& q);

// An index in dir/index with these records, committed with outbox_seq 1, and
// a searcher over it using `gazetteer` (if given).
class TestIndex {
 public:
  explicit TestIndex(const std::vector<RecordSpec>& records, const Gazetteer* gazetteer = nullptr);
  SearchResult Search(const std::string& query, int limit = 20);
  std::vector<std::string> Ids(const std::string& query, int limit = 20);
  // Only the hits that match without typo tolerance.
  std::vector<std::string> ExactIds(const std::string& query, int limit = 20);
  const std::filesystem::path& dir() const { return dir_; }

 private:
  TempDir tmp_;
  std::filesystem::path dir_;
  Searcher searcher_;
};

}  // namespace sovang::index::testing
