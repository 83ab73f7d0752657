// A development tool, hidden from the normal run: extraction again on pages
// already read (their stored hOCR), without Tesseract, so that a change to
// extraction can be measured on hundreds of pages in seconds.
//
//   SOVANG_REEXTRACT_LIST=pages.tsv SOVANG_REEXTRACT_OUT=records.jsonl
//     build/tests/test_ingest "[.reextract]"
//
// pages.tsv: one page a line, "file<TAB>page<TAB>sha256<TAB>hocr path", the
// pages of a file together and in order (as `sqlite3 archive/sovang.db` can
// list them). The output holds one record a line with field details, as the
// pipeline would have stored them (decisions carried over a file's pages).
//
// With SOVANG_REEXTRACT_TRUTH=truth.jsonl and SOVANG_REEXTRACT_SCRATCH=DIR
// the records are also stored in a scratch store in DIR (emptied first) and
// evaluated against the truth as `sovang eval` does; the report (text, and
// JSON in DIR/eval.json) is printed.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/award_catalog.h"
#include "core/gazetteer.h"
#include "core/record_json.h"
#include "ingest/eval.h"
#include "ingest/extract.h"
#include "ocr/hocr.h"
#include "store/database.h"
#include "store/records.h"
#include "store/sources.h"

namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, '\t')) out.push_back(cell);
  return out;
}

}  // namespace

TEST_CASE("re-extraction of stored pages (development tool)", "[.reextract]") {
  const char* list = std::getenv("SOVANG_REEXTRACT_LIST");
  const char* out_path = std::getenv("SOVANG_REEXTRACT_OUT");
  if (!list || !out_path) {
    WARN("set SOVANG_REEXTRACT_LIST and SOVANG_REEXTRACT_OUT");
    return;
  }
  std::ifstream in(list);
  REQUIRE(in);
  std::ofstream out(out_path);
  REQUIRE(out);
  std::string line, previous_file;
  std::vector<sovang::Record> previous, all;
  std::map<std::string, std::pair<std::string, int>> files;  // file -> (sha256, pages)
  std::size_t pages = 0, records = 0;
  while (std::getline(in, line)) {
    const auto cells = SplitTabs(line);
    if (cells.size() < 4) continue;
    std::ifstream hocr_in(cells[3], std::ios::binary);
    REQUIRE(hocr_in);
    std::stringstream hocr;
    hocr << hocr_in.rdbuf();
    const sovang::ocr::RecognizedPage page = sovang::ocr::ParseHocr(hocr.str());
    sovang::SourceRef source;
    source.file = cells[0];
    source.page = std::stoi(cells[1]);
    source.sha256 = cells[2];
    const sovang::ingest::ExtractContext context{sovang::AwardCatalog::Default(), sovang::Gazetteer::Default(),
                                                 source};
    std::vector<sovang::Record> found = sovang::ingest::ExtractRecords(page, context);
    if (cells[0] == previous_file) sovang::ingest::InheritFromPreviousPage(previous, found);
    for (const auto& r : found) out << sovang::RecordToJson(r, {true}).dump() << "\n";
    all.insert(all.end(), found.begin(), found.end());
    auto& file = files[cells[0]];
    file.first = cells[2];
    ++file.second;
    previous_file = cells[0];
    previous = std::move(found);
    ++pages;
    records += previous.size();
  }
  WARN(std::to_string(pages) + " pages, " + std::to_string(records) + " records");

  const char* truth = std::getenv("SOVANG_REEXTRACT_TRUTH");
  const char* scratch_dir = std::getenv("SOVANG_REEXTRACT_SCRATCH");
  if (!truth || !scratch_dir) return;
  const std::filesystem::path scratch(scratch_dir);
  std::filesystem::remove_all(scratch);
  std::filesystem::create_directories(scratch);
  sovang::store::Database db = sovang::store::Database::Open(scratch / "sovang.db");
  sovang::store::Sources sources(db);
  for (const auto& [name, file] : files) {
    sovang::store::SourceRow row;
    row.sha256 = file.first;
    row.file_name = name;
    row.original_path = name;
    row.master_path = "masters/none";
    row.media_type = "image/other";
    row.page_count = file.second;
    row.status = "done";
    row.ingested_at = "2025-01-01T00:00:00Z";
    sources.Add(row);
  }
  sovang::store::Records(db).PutMany(all);
  const sovang::ingest::EvalReport report = sovang::ingest::Evaluate(db, truth);
  std::ofstream(scratch / "eval.json") << sovang::ingest::EvalReportToJson(report).dump(2) << "\n";
  std::cout << sovang::ingest::EvalReportToText(report);
}
