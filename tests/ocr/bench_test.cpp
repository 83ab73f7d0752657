// Not a test: measures clean-up and recognition on generated pages with truth
// (data-samples/generate.py). Hidden; run it by hand:
//   /usr/bin/python3 data-samples/generate.py --out /tmp/ds --pages 9
//   SOVANG_OCR_BENCH_DIR=/tmp/ds build/tests/test_ocr "[.bench]"
// Prints, per page and per clean-up variant, the seconds spent and the share
// of truth field values (names, years, places, decision numbers) found
// verbatim in the recognised text.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/cpu_time.h"
#include "ocr/page_loader.h"
#include "ocr/recognizer.h"

namespace fs = std::filesystem;
using namespace sovang::ocr;

namespace {

struct Variant {
  const char* name;
  RecognizerOptions options;
};

std::vector<Variant> Variants() {
  std::vector<Variant> v;
  RecognizerOptions base;
  v.push_back({"default", base});
  RecognizerOptions none = base;
  none.cleanup = false;
  v.push_back({"no-cleanup", none});
  RecognizerOptions o = base;
  o.normalize_background = false;
  v.push_back({"no-background", o});
  o = base;
  o.deskew = false;
  v.push_back({"no-deskew", o});
  o = base;
  o.binarization = Binarization::kSauvola;
  v.push_back({"sauvola", o});
  o = base;
  o.binarization = Binarization::kOtsu;
  v.push_back({"otsu", o});
  o = base;
  o.detect_tables = false;
  v.push_back({"no-tables", o});
  o = base;
  o.detect_orientation = false;
  v.push_back({"no-osd", o});
  o = base;
  o.despeckle = false;
  o.binarization = Binarization::kSauvola;
  v.push_back({"sauvola-speckled", o});
  const char* only = std::getenv("SOVANG_OCR_BENCH_VARIANT");
  if (only != nullptr) {
    std::erase_if(v, [&](const Variant& x) { return std::string(x.name) != only; });
  }
  return v;
}

std::string Collapse(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("Benchmark: clean-up and recognition on generated pages", "[.bench]") {
  const char* dir_env = std::getenv("SOVANG_OCR_BENCH_DIR");
  if (dir_env == nullptr) return;
  const fs::path dir(dir_env);
  PinOpenMpToOneThread();
  // truth values per (file, page)
  std::map<std::pair<std::string, int>, std::vector<std::string>> truth;
  std::ifstream in(dir / "truth.jsonl");
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    auto& values = truth[{j["source"]["file"].get<std::string>(), j["source"]["page"].get<int>()}];
    for (const char* key : {"full_name", "commune", "decision_number", "book_number"}) {
      if (j.contains(key) && j[key].is_string()) values.push_back(j[key].get<std::string>());
    }
    if (j.contains("birth_year") && j["birth_year"].is_number()) {
      values.push_back(std::to_string(j["birth_year"].get<int>()));
    }
  }
  for (const Variant& variant : Variants()) {
    auto recognizer = MakeTesseractRecognizer(variant.options);
    double total_clean = 0, total_layout = 0, total_recog = 0, total_cpu = 0;
    int found_all = 0, total_all = 0, pages = 0;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) {
      const std::string ext = e.path().extension().string();
      if (ext == ".png" || ext == ".jpg" || ext == ".tif") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      const int n = CountPages(file);
      for (int p = 1; p <= n; ++p) {
        LoadedPage page = LoadPage(file, p);
        const double cpu_start = sovang::ThreadCpuSeconds();
        const RecognizedPage result = recognizer->Recognize(page.image);
        const double cpu = sovang::ThreadCpuSeconds() - cpu_start;
        total_cpu += cpu;
        const std::string text = Collapse(result.FullText());
        int found = 0, total = 0;
        for (const std::string& v : truth[{file.filename().string(), p}]) {
          ++total;
          if (text.find(Collapse(v)) != std::string::npos) ++found;
        }
        std::printf("%-14s %-28s p%d  cpu %.2fs  wall: clean %.2fs layout %.2fs ocr %.2fs  rot %3d skew %+.2f  table %s  conf %.2f  truth %d/%d\n",
                    variant.name, file.filename().string().c_str(), p, cpu, result.cleanup_seconds,
                    result.layout_seconds, result.recognition_seconds, result.rotation,
                    result.skew_degrees,
                    result.table ? (std::to_string(result.table->rows) + "x" + std::to_string(result.table->cols)).c_str() : "-",
                    result.mean_confidence, found, total);
        if (std::getenv("SOVANG_OCR_BENCH_TEXT")) {
          std::printf("%s\n", result.FullText().c_str());
          if (result.table) {
            for (const Cell& c : result.table->cells) {
              std::printf("  cell %d,%d at %d,%d %dx%d\n", c.row, c.col, c.box.x, c.box.y, c.box.w, c.box.h);
            }
          }
        }
        std::fflush(stdout);
        total_clean += result.cleanup_seconds;
        total_layout += result.layout_seconds;
        total_recog += result.recognition_seconds;
        found_all += found;
        total_all += total;
        ++pages;
      }
    }
    std::printf("== %-14s %d pages: cpu %.2fs/page  wall: clean %.2fs/page layout %.2fs/page ocr %.2fs/page  truth %d/%d (%.1f%%)\n\n",
                variant.name, pages, total_cpu / pages, total_clean / pages, total_layout / pages, total_recog / pages,
                found_all, total_all, total_all ? 100.0 * found_all / total_all : 0.0);
  }
}
