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

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/award_catalog.h"
#include "core/gazetteer.h"
#include "core/record_json.h"
#include "ingest/extract.h"
#include "ocr/hocr.h"

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
  std::vector<sovang::Record> previous;
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
    previous_file = cells[0];
    previous = std::move(found);
    ++pages;
    records += previous.size();
  }
  WARN(std::to_string(pages) + " pages, " + std::to_string(records) + " records");
}
