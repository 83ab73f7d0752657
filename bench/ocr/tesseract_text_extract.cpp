// sovang-tsv-extract: what plain Tesseract's output is worth to the archive.
// Reads the TSV that `tesseract FILE OUT -l vie tsv` writes (words with boxes
// and confidences, grouped into lines, one page_num per page of a multi-page
// file) into an ocr::RecognizedPage, runs the same extractor as `sovang
// ingest` (ingest::ExtractRecords, then InheritFromPreviousPage page after
// page of one file), stores the records in a scratch store and evaluates them
// against the truth exactly as `sovang eval` does (ingest::Evaluate).
// Driven by bench/ocr/run.sh; never run by ctest.
//
//   sovang-tsv-extract --pages DIR --tsv DIR --truth FILE --scratch DIR
//                      [--records OUT.jsonl]          > eval.json
//
// For every scan FILE in --pages (png, jpg, jpeg, tif, tiff) it reads
// --tsv/FILE.tsv; a scan without its TSV counts as read with nothing found.

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/award_catalog.h"
#include "core/gazetteer.h"
#include "core/record_json.h"
#include "crypto/sha256.h"
#include "ingest/eval.h"
#include "ingest/extract.h"
#include "store/database.h"
#include "store/records.h"
#include "store/sources.h"
#include "text/normalize.h"

namespace fs = std::filesystem;

namespace {

std::string Arg(int argc, char** argv, const std::string& name, const std::string& fallback = "") {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == "--" + name) return argv[i + 1];
  return fallback;
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

// Tesseract TSV, one page per page_num: level 1 page, 2 block, 3 paragraph,
// 4 line, 5 word; columns level page_num block_num par_num line_num word_num
// left top width height conf text.
std::map<int, sovang::ocr::RecognizedPage> ReadTsv(const fs::path& file) {
  std::map<int, sovang::ocr::RecognizedPage> pages;
  std::map<int, std::map<std::tuple<int, int, int>, std::size_t>> line_of;  // page -> (block, par, line) -> index
  std::map<int, std::pair<double, int>> conf;                                // page -> (sum, words)
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::vector<std::string> c = SplitTabs(line);
    if (c.size() < 11) continue;
    const int level = std::stoi(c[0]), page_no = std::stoi(c[1]);
    const sovang::Box box{std::stoi(c[6]), std::stoi(c[7]), std::stoi(c[8]), std::stoi(c[9])};
    sovang::ocr::RecognizedPage& page = pages[page_no];
    if (level == 1) {
      page.width = box.w;
      page.height = box.h;
      continue;
    }
    const auto key = std::make_tuple(std::stoi(c[2]), std::stoi(c[3]), std::stoi(c[4]));
    if (level == 4) {
      line_of[page_no][key] = page.lines.size();
      page.lines.push_back({{}, box});
      continue;
    }
    if (level != 5) continue;
    const std::string text = c.size() > 11 ? sovang::text::CollapseSpaces(sovang::text::Nfc(c[11])) : "";
    if (text.empty()) continue;
    auto found = line_of[page_no].find(key);
    if (found == line_of[page_no].end()) {  // a word before its line row: cannot happen, but keep it
      found = line_of[page_no].emplace(key, page.lines.size()).first;
      page.lines.push_back({{}, box});
    }
    const double confidence = std::clamp(std::stod(c[10]) / 100.0, 0.0, 1.0);
    page.lines[found->second].words.push_back({text, box, confidence});
    conf[page_no].first += confidence;
    conf[page_no].second += 1;
  }
  for (auto& [page_no, page] : pages) {
    std::erase_if(page.lines, [](const sovang::ocr::Line& l) { return l.words.empty(); });
    if (conf[page_no].second) page.mean_confidence = conf[page_no].first / conf[page_no].second;
  }
  return pages;
}

bool IsScan(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".tif" || ext == ".tiff";
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path pages_dir = Arg(argc, argv, "pages"), tsv_dir = Arg(argc, argv, "tsv");
  const fs::path truth = Arg(argc, argv, "truth"), scratch = Arg(argc, argv, "scratch");
  const std::string records_out = Arg(argc, argv, "records");
  if (pages_dir.empty() || tsv_dir.empty() || truth.empty() || scratch.empty()) {
    std::fprintf(stderr, "usage: sovang-tsv-extract --pages DIR --tsv DIR --truth FILE --scratch DIR [--records OUT]\n");
    return 2;
  }
  try {
    std::vector<fs::path> scans;
    for (const auto& e : fs::directory_iterator(pages_dir))
      if (e.is_regular_file() && IsScan(e.path())) scans.push_back(e.path());
    std::sort(scans.begin(), scans.end());

    fs::remove_all(scratch);
    fs::create_directories(scratch);
    sovang::store::Database db = sovang::store::Database::Open(scratch / "sovang.db");
    sovang::store::Sources sources(db);
    sovang::store::Records records(db);
    std::ofstream jsonl;
    if (!records_out.empty()) jsonl.open(records_out);

    std::int64_t page_count = 0, record_count = 0, missing_tsv = 0;
    for (const fs::path& scan : scans) {
      sovang::store::SourceRow row;
      row.sha256 = sovang::crypto::Sha256File(scan);
      row.file_name = scan.filename().string();
      row.original_path = scan.string();
      row.master_path = "masters/none";
      row.media_type = "image/other";
      row.size_bytes = static_cast<std::int64_t>(fs::file_size(scan));
      row.status = "done";
      row.ingested_at = "2025-01-01T00:00:00Z";
      const fs::path tsv = tsv_dir / (scan.filename().string() + ".tsv");
      std::map<int, sovang::ocr::RecognizedPage> pages;
      if (fs::exists(tsv)) pages = ReadTsv(tsv);
      else ++missing_tsv;
      row.page_count = static_cast<int>(pages.size());
      sources.Add(row);

      std::vector<sovang::Record> previous;
      for (auto& [page_no, page] : pages) {
        sovang::SourceRef source;
        source.file = row.file_name;
        source.sha256 = row.sha256;
        source.page = page_no;
        std::vector<sovang::Record> found = sovang::ingest::ExtractRecords(
            page, sovang::ingest::ExtractContext{sovang::AwardCatalog::Default(), sovang::Gazetteer::Default(), source});
        sovang::ingest::InheritFromPreviousPage(previous, found);  // as the pipeline does, page after page
        records.PutMany(found);
        if (jsonl)
          for (const auto& r : found) jsonl << sovang::RecordToJson(r).dump() << "\n";
        ++page_count;
        record_count += static_cast<std::int64_t>(found.size());
        previous = std::move(found);
      }
    }
    nlohmann::json out = sovang::ingest::EvalReportToJson(sovang::ingest::Evaluate(db, truth));
    out["tsv"] = {{"files", scans.size()}, {"pages", page_count}, {"records", record_count}, {"files_without_tsv", missing_tsv}};
    std::cout << out.dump() << "\n";
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sovang-tsv-extract: %s\n", e.what());
    return 3;
  }
  return 0;
}
