// Indexer::Open's two ways to write a document (added to an index that was
// empty when opened, replaced by id otherwise) and the bulk option
// (IndexerOptions): the same records give the same index either way.

#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <xapian.h>

#include "index/indexer.h"
#include "index_test_support.h"

using namespace sovang;
using namespace sovang::index;
using namespace sovang::index::testing;

namespace {

// Every document of the index at dir, by its Q term: its terms with wdf and
// positions, values and data, as one comparable string.
std::map<std::string, std::string> Documents(const std::filesystem::path& dir) {
  Xapian::Database db(dir.string());
  std::map<std::string, std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    std::string id, all;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      if ((*t).rfind('Q', 0) == 0) id = *t;
      all += *t + ":" + std::to_string(t.get_wdf());
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) all += "," + std::to_string(*p);
      all += " ";
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) all += std::to_string(v.get_valueno()) + "=" + *v + " ";
    all += "|" + doc.get_data();
    CHECK(out.emplace(id, all).second);  // one document per id
  }
  return out;
}

std::vector<Record> ManyRecords(int count) {
  const char* names[] = {"Nguyễn Văn Thạch", "Trần Thị Lan", "Hoàng Minh Thành", "Lê Hoà", "Phạm Đức"};
  std::vector<Record> records;
  for (int i = 0; i < count; ++i)
    records.push_back(MakeRecord({.id = "r" + std::to_string(i),
                                  .name = names[i % 5],
                                  .birth_year = 1920 + i % 50,
                                  .commune = "Lộc Yên",
                                  .district = "Cao Lộc",
                                  .province = "Lạng Sơn",
                                  .award = "Huân chương Kháng chiến hạng Nhất",
                                  .decision = std::to_string(100 + i % 700) + "/QĐ-CTN",
                                  .date = "1975-08-10",
                                  .book = std::to_string(50000 + i),
                                  .award_code = "hckc-1"}));
  return records;
}

}  // namespace

TEST_CASE("A record upserted again into a new index, before and after a commit, keeps one document", "[index]") {
  TempDir tmp;
  const auto dir = tmp.path() / "index";
  {
    Indexer indexer = Indexer::Open(dir);
    indexer.Upsert(MakeRecord({.id = "r1", .name = "Nguyễn Văn Thạch", .birth_year = 1930}));
    indexer.Upsert(MakeRecord({.id = "r2", .name = "Trần Thị Lan"}));
    indexer.Commit(1);
    indexer.Upsert(MakeRecord({.id = "r1", .name = "Nguyễn Văn Thạch", .birth_year = 1931}));
    indexer.Remove("r2");
    indexer.Upsert(MakeRecord({.id = "r2", .name = "Trần Thị Lan", .birth_year = 1940}));
    indexer.Commit(2);
    CHECK(indexer.DocumentCount() == 2);
  }
  Indexer reopened = Indexer::Open(dir);  // holds documents: every upsert replaces by id
  reopened.Upsert(MakeRecord({.id = "r1", .name = "Nguyễn Văn Thạch", .birth_year = 1932}));
  reopened.Commit(3);
  CHECK(reopened.DocumentCount() == 2);
  Searcher searcher = Searcher::Open(dir);
  CHECK(searcher.Search({.query = "thach nam:1932"}).total == 1);
  CHECK(searcher.Search({.query = "thach nam:1931"}).total == 0);
  CHECK(searcher.Search({.query = "lan nam:1940"}).total == 1);
}

TEST_CASE("A bulk index holds the same documents as one written record by record", "[index]") {
  TempDir tmp;
  // More records than kBulkFlushEvery, so that the bulk index flushes on its
  // own on the way; some records upserted twice (the second time changed).
  std::vector<Record> records = ManyRecords(kBulkFlushEvery + 700);
  for (int i = 0; i < 300; i += 7) {
    Record again = records[static_cast<std::size_t>(i)];
    again.fields[static_cast<std::size_t>(FieldId::kBirthYear)].value = "1999";
    records.push_back(again);
  }
  for (const bool bulk : {false, true}) {
    Indexer indexer = Indexer::Open(tmp.path() / (bulk ? "bulk" : "plain"), {.bulk = bulk});
    for (const Record& r : records) indexer.Upsert(r);
    indexer.Commit(7);
    CHECK(indexer.LastAppliedSeq() == 7);
    CHECK(indexer.HasCurrentTermFamilies());
  }
  const auto plain = Documents(tmp.path() / "plain");
  const auto bulk = Documents(tmp.path() / "bulk");
  CHECK(plain.size() == static_cast<std::size_t>(kBulkFlushEvery + 700));
  CHECK(bulk == plain);
  Searcher searcher = Searcher::Open(tmp.path() / "bulk");
  CHECK(searcher.Search({.query = "so:50007"}).hits.at(0).record.birth_year() == 1999);
}
