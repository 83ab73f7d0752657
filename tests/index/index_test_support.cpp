#include "index_test_support.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <random>

#include "index/document_builder.h"
#include "index/indexer.h"

namespace sovang::index::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  path_ = fs::temp_directory_path() /
          ("sovang-index-test-" + std::to_string(rd()) + "-" + std::to_string(counter.fetch_add(1)));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

Record MakeRecord(const RecordSpec& s) {
  Record r;
  r.id = s.id;
  auto set = [&](FieldId id, const std::string& v) {
    r[id].value = v;
    r[id].verbatim = v;
    r[id].confidence = 0.95;
  };
  set(FieldId::kFullName, s.name);
  if (s.birth_year) set(FieldId::kBirthYear, std::to_string(s.birth_year));
  set(FieldId::kCommune, s.commune);
  set(FieldId::kDistrict, s.district);
  set(FieldId::kProvince, s.province);
  set(FieldId::kAward, s.award);
  set(FieldId::kAwardCode, s.award_code);
  set(FieldId::kDecisionNumber, s.decision);
  set(FieldId::kDecisionDate, s.date);
  set(FieldId::kBookNumber, s.book);
  r.source.file = "p001.tif";
  r.source.page = 1;
  UpdateRecordConfidence(r);
  return r;
}

Gazetteer TestGazetteer(const fs::path& dir) {
  const fs::path file = dir / "gazetteer.json";
  std::ofstream(file) << R"({"version": 1, "units": [
    {"id": "p-lang-son-1831", "name": "Lạng Sơn", "level": "province", "parent": null,
     "valid_from": "1831-01-01", "valid_to": "1975-12-26", "predecessors": [], "successors": ["p-cao-lang"]},
    {"id": "p-cao-bang-1832", "name": "Cao Bằng", "level": "province", "parent": null,
     "valid_from": "1832-01-01", "valid_to": "1975-12-26", "predecessors": [], "successors": ["p-cao-lang"]},
    {"id": "p-cao-lang", "name": "Cao Lạng", "level": "province", "parent": null,
     "valid_from": "1975-12-27", "valid_to": "1978-12-28", "predecessors": [], "successors": ["p-lang-son", "p-cao-bang"]},
    {"id": "p-lang-son", "name": "Lạng Sơn", "level": "province", "parent": null,
     "valid_from": "1978-12-29", "valid_to": null, "predecessors": [], "successors": []},
    {"id": "p-cao-bang", "name": "Cao Bằng", "level": "province", "parent": null,
     "valid_from": "1978-12-29", "valid_to": null, "predecessors": [], "successors": []},
    {"id": "d-cao-loc", "name": "Cao Lộc", "level": "district", "parent": "p-lang-son",
     "valid_from": null, "valid_to": "2025-06-30", "predecessors": [], "successors": []},
    {"id": "d-trang-dinh", "name": "Tràng Định", "level": "district", "parent": "p-lang-son",
     "valid_from": null, "valid_to": "2025-06-30", "predecessors": [], "successors": []},
    {"id": "c-loc-yen", "name": "Lộc Yên", "level": "commune", "parent": "d-cao-loc",
     "valid_from": null, "valid_to": "2025-06-30", "predecessors": [], "successors": ["c25-tan-lien"]},
    {"id": "c-thach-dan", "name": "Thạch Đạn", "level": "commune", "parent": "d-cao-loc",
     "valid_from": null, "valid_to": "2025-06-30", "predecessors": [], "successors": ["c25-tan-lien"]},
    {"id": "c25-tan-lien", "name": "Tân Liên", "level": "commune", "parent": "p-lang-son",
     "valid_from": "2025-07-01", "valid_to": null, "predecessors": [], "successors": []},
    {"id": "c-khang-chien", "name": "Kháng Chiến", "level": "commune", "parent": "d-trang-dinh",
     "valid_from": null, "valid_to": null, "predecessors": [], "successors": []},
    {"id": "c-loc-thanh", "name": "Lộc Thanh", "level": "commune", "parent": "d-cao-loc",
     "valid_from": "1981-06-10", "valid_to": "2000-12-31", "predecessors": [], "successors": []}
  ]})";
  return Gazetteer::Load(file);
}

namespace {

Searcher Fill(const fs::path& dir, const std::vector<RecordSpec>& records, const Gazetteer* gazetteer) {
  {
    Indexer indexer = Indexer::Open(dir);
    for (const RecordSpec& s : records) indexer.Upsert(MakeRecord(s));
    indexer.Commit(1);
  }
  SearcherOptions options;
  options.gazetteer = gazetteer;
  return Searcher::Open(dir, options);
}

}  // namespace

TestIndex::TestIndex(const std::vector<RecordSpec>& records, const Gazetteer* gazetteer)
    : dir_(tmp_.path() / "index"), searcher_(Fill(dir_, records, gazetteer)) {}

SearchResult TestIndex::Search(const std::string& query, int limit) {
  SearchRequest request;
  request.query = query;
  request.limit = limit;
  return searcher_.Search(request);
}

std::vector<std::string> TestIndex::Ids(const std::string& query, int limit) {
  std::vector<std::string> ids;
  for (const SearchHit& hit : Search(query, limit).hits) ids.push_back(hit.id);
  return ids;
}

std::vector<std::string> TestIndex::ExactIds(const std::string& query, int limit) {
  std::vector<std::string> ids;
  for (const SearchHit& hit : Search(query, limit).hits)
    if (!hit.approximate) ids.push_back(hit.id);
  return ids;
}

std::vector<std::pair<std::string, double>> Ranked(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::CoordWeight());
  enquire.set_query(q);
  std::vector<std::pair<std::string, double>> out;
  const Xapian::MSet mset = enquire.get_mset(0, 1000);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
      if ((*t).rfind(prefix::kId, 0) == 0) out.emplace_back((*t).substr(prefix::kId.size()), it.get_weight());
  }
  return out;
}

std::vector<std::string> TermsWithPrefix(const Xapian::Document& doc, const std::string& prefix) {
  std::vector<std::string> out;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
    if ((*it).rfind(prefix, 0) == 0) out.push_back(*it);
  return out;
}

void RemoveTermsWithPrefix(Xapian::WritableDatabase& db, const std::string& prefix) {
  for (auto id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
    Xapian::Document doc = db.get_document(*id);
    for (const std::string& term : TermsWithPrefix(doc, prefix)) doc.remove_term(term);
    db.replace_document(*id, doc);
  }
}

std::vector<std::string> Matches(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_query(q);
  std::vector<std::string> ids;
  for (const Xapian::docid id : enquire.get_mset(0, 1000)) {
    const Xapian::Document doc = db.get_document(id);
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
      if ((*it).rfind(prefix::kId, 0) == 0) ids.push_back((*it).substr(prefix::kId.size()));
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace sovang::index::testing
