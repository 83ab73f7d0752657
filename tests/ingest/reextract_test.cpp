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
//
// With SOVANG_REEXTRACT_SECOND_LOOK=1 and a fifth column (the page image the
// archive keeps) the words behind doubtful names and birth years are read
// again from the image (ingest/extract_second_look.h; real Tesseract on the
// cut-outs only), one line a word logged to SOVANG_REEXTRACT_LOG when set.
// SOVANG_REEXTRACT_LOOKS="names=1ws,2ws,3ws;number_looks=1w,2w,3w;years=1;numbers=0;votes=2"
// changes the looks (scale, l: single line, w: single word, d: digits only,
// s: script model) and what is looked at ("names=" switches names off,
// "check=" the check of the other given names).

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/award_catalog.h"
#include "core/gazetteer.h"
#include "core/record_json.h"
#include "ingest/eval.h"
#include "ingest/extract.h"
#include "ingest/extract_second_look.h"
#include "ocr/page_image.h"
#include "ocr/second_look.h"
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

std::vector<sovang::ocr::Look> ParseLooks(const std::string& spec) {
  std::vector<sovang::ocr::Look> looks;
  std::istringstream in(spec);
  for (std::string one; std::getline(in, one, ',');) {
    if (one.empty()) continue;
    sovang::ocr::Look look;
    look.scale = std::stod(one);
    look.single_word = one.find('w') != std::string::npos;
    look.digits_only = one.find('d') != std::string::npos;
    look.script_model = one.find('s') != std::string::npos;
    looks.push_back(look);
  }
  return looks;
}

sovang::ingest::SecondLookPolicy PolicyFromEnv() {
  sovang::ingest::SecondLookPolicy policy;
  const char* spec = std::getenv("SOVANG_REEXTRACT_LOOKS");
  if (!spec) return policy;
  std::istringstream in(spec);
  for (std::string part; std::getline(in, part, ';');) {
    const auto eq = part.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = part.substr(0, eq), value = part.substr(eq + 1);
    if (key == "names") {
      policy.name_looks = ParseLooks(value);
      policy.names = !policy.name_looks.empty();
    } else if (key == "check") {
      policy.check_looks = ParseLooks(value);
      policy.check_given = !policy.check_looks.empty();
    } else if (key == "years") {
      policy.years = value == "1";
    } else if (key == "numbers") {
      policy.numbers = value == "1";
    } else if (key == "number_looks") {
      policy.number_looks = ParseLooks(value);
    } else if (key == "dispute") {
      policy.dispute_votes = std::stoi(value);
    } else if (key == "dispute_numbers") {
      policy.dispute_numbers = value == "1";
    } else if (key == "sure") {
      policy.number_sure_needed = std::stoi(value);
    } else if (key == "votes") {
      policy.votes_needed = std::stoi(value);
    }
  }
  return policy;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
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
  const char* second = std::getenv("SOVANG_REEXTRACT_SECOND_LOOK");
  std::unique_ptr<sovang::ocr::SecondLook> look;
  if (second && std::string(second) == "1") look = sovang::ocr::MakeSecondLook();
  sovang::ingest::SecondLookPolicy policy = PolicyFromEnv();
  std::ofstream log;
  if (const char* log_path = std::getenv("SOVANG_REEXTRACT_LOG")) {
    log.open(log_path);
    policy.log = [&log](const std::string& l) { log << l << "\n"; };
  }
  sovang::ingest::SecondLookStats total;
  while (std::getline(in, line)) {
    const auto cells = SplitTabs(line);
    if (cells.size() < 4) continue;
    std::ifstream hocr_in(cells[3], std::ios::binary);
    REQUIRE(hocr_in);
    std::stringstream hocr;
    hocr << hocr_in.rdbuf();
    sovang::ocr::RecognizedPage page = sovang::ocr::ParseHocr(hocr.str());
    sovang::SourceRef source;
    source.file = cells[0];
    source.page = std::stoi(cells[1]);
    source.sha256 = cells[2];
    const sovang::ingest::ExtractContext context{sovang::AwardCatalog::Default(), sovang::Gazetteer::Default(),
                                                 source};
    std::vector<sovang::Record> found;
    if (look && cells.size() >= 5) {
      const sovang::ocr::PageImage image = sovang::ocr::PageImage::Decode(ReadAll(cells[4]));
      sovang::ingest::SecondLookStats stats;
      found = sovang::ingest::ExtractWithSecondLook(page, context, image, look.get(), policy, &stats);
      total.words += stats.words;
      total.changed += stats.changed;
      total.disputed += stats.disputed;
      total.recovered += stats.recovered;
      total.calls += stats.calls;
      total.cpu_seconds += stats.cpu_seconds;
    } else {
      found = sovang::ingest::ExtractRecords(page, context);
    }
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
  if (look)
    WARN("second look: " + std::to_string(total.words) + " words, " + std::to_string(total.changed) + " changed, " +
         std::to_string(total.disputed) + " disputed, " + std::to_string(total.recovered) + " entries recovered, " + std::to_string(total.calls) + " Tesseract calls, " +
         std::to_string(total.cpu_seconds) + " s CPU");

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
