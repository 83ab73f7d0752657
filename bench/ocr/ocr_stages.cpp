// sovang-ocr-stages: where a page's CPU time goes in `sovang ingest`'s
// worker, stage by stage, on one thread: decode (ocr::LoadPages), clean-up,
// table layout and Tesseract recognition (ocr::Recognizer, its own timers),
// extraction (ingest::ExtractRecords) and the page PNG the archive keeps
// (PageImage::EncodePng; pages of TIFFs and PDFs only). What the pipeline
// adds around it (SHA-256, master copy, SQLite, Xapian, the second look) is
// the ingest run's CPU minus these.
// It runs, as `sovang ingest` does, with glibc's transparent huge pages asked
// for (cli/huge_pages.h; SOVANG_HUGE_PAGES=0: glibc's default), so its
// clean-up is timed with the page faults a worker sees ("huge_pages" in the
// output says which). Driven by bench/ocr/run.sh; never run by ctest.
//
//   sovang-ocr-stages DIR_OR_FILE...        > stages.json

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/huge_pages.h"
#include "core/award_catalog.h"
#include "core/cpu_time.h"
#include "core/gazetteer.h"
#include "ingest/extract.h"
#include "ocr/recognizer.h"

namespace fs = std::filesystem;

using Clock = std::chrono::steady_clock;

namespace {

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

bool IsScan(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".tif" || ext == ".tiff" || ext == ".pdf";
}

}  // namespace

int main(int argc, char** argv) {
  sovang::cli::RunAgainWithHugePages();  // as `sovang ingest` does first thing
  sovang::ocr::PinOpenMpToOneThread();   // as `sovang` does first thing
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path p = argv[i];
    if (fs::is_directory(p)) {
      for (const auto& e : fs::directory_iterator(p))
        if (e.is_regular_file() && IsScan(e.path())) files.push_back(e.path());
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::fprintf(stderr, "usage: sovang-ocr-stages DIR_OR_FILE...\n");
    return 2;
  }
  try {
    auto recognizer = sovang::ocr::MakeTesseractRecognizer();
    // cpu: process CPU seconds per stage; wall: the recogniser's own timers.
    std::map<std::string, double> cpu, wall;
    nlohmann::json per_page = nlohmann::json::array();
    int pages = 0, calls = 0, rereads = 0, osd = 0;
    const double cpu_start = sovang::ProcessCpuSeconds();
    const auto wall_start = Clock::now();
    for (const fs::path& file : files) {
      double c = sovang::ProcessCpuSeconds();
      std::vector<sovang::ocr::LoadedPage> loaded = sovang::ocr::LoadPages(file);
      cpu["decode"] += sovang::ProcessCpuSeconds() - c;
      int page_no = 0;
      for (auto& lp : loaded) {
        ++page_no;
        c = sovang::ProcessCpuSeconds();
        lp.image = lp.image.GreyForArchive();  // as the pipeline's decoder does
        cpu["decode"] += sovang::ProcessCpuSeconds() - c;
        c = sovang::ProcessCpuSeconds();
        const sovang::ocr::RecognizedPage page = recognizer->Recognize(lp.image);
        const double page_cpu = sovang::ProcessCpuSeconds() - c;
        cpu["recognize_total"] += page_cpu;
        calls += page.tesseract_calls;
        rereads += page.number_rereads;
        osd += page.orientation_by_osd ? 1 : 0;
        per_page.push_back({{"file", file.filename().string()}, {"page", page_no}, {"cpu", page_cpu},
                            {"cleanup", page.cleanup_seconds}, {"layout", page.layout_seconds},
                            {"recognition", page.recognition_seconds}, {"calls", page.tesseract_calls},
                            {"rereads", page.number_rereads}, {"osd", page.orientation_by_osd},
                            {"conf", page.mean_confidence}, {"rotation", page.rotation},
                            {"table", page.table ? page.table->rows * page.table->cols : 0}});
        wall["cleanup"] += page.cleanup_seconds;
        wall["layout"] += page.layout_seconds;
        wall["recognition"] += page.recognition_seconds;
        sovang::SourceRef source;
        source.file = file.filename().string();
        source.sha256 = std::string(64, '0');
        source.page = page_no;
        c = sovang::ProcessCpuSeconds();
        const auto records = sovang::ingest::ExtractRecords(
            page, sovang::ingest::ExtractContext{sovang::AwardCatalog::Default(), sovang::Gazetteer::Default(), source});
        cpu["extract"] += sovang::ProcessCpuSeconds() - c;
        // The pipeline keeps a single PNG or JPEG file as the page's image
        // (PageImage::WholeFileFormat); other pages are archived as PNG.
        if (lp.image.WholeFileFormat().empty()) {
          c = sovang::ProcessCpuSeconds();
          const std::string png = lp.image.EncodePng();
          cpu["encode_png"] += sovang::ProcessCpuSeconds() - c;
        }
        ++pages;
      }
    }
    const double total_cpu = sovang::ProcessCpuSeconds() - cpu_start;
    // Split the recogniser's CPU by its own wall timers (one thread: wall ~ CPU).
    const double timed = wall["cleanup"] + wall["layout"] + wall["recognition"];
    nlohmann::json out = {
        {"files", files.size()},     {"pages", pages},           {"wall_seconds", Since(wall_start)},
        {"cpu_seconds", total_cpu},  {"tesseract_calls", calls}, {"huge_pages", sovang::cli::HugePagesAsked()},
        {"number_rereads", rereads}, {"osd_pages", osd}};
    for (const auto& [k, v] : cpu) out["cpu"][k] = v;
    for (const auto& [k, v] : wall) out["recognizer_wall"][k] = v;
    if (timed > 0) {
      for (const char* k : {"cleanup", "layout", "recognition"})
        out["cpu_est"][k] = cpu["recognize_total"] * wall[k] / timed;
      out["cpu_est"]["decode"] = cpu["decode"];
      out["cpu_est"]["extract"] = cpu["extract"];
      out["cpu_est"]["encode_png"] = cpu["encode_png"];
      out["recognition_share"] = cpu["recognize_total"] * wall["recognition"] / timed / total_cpu;
    }
    if (std::getenv("SOVANG_STAGES_PER_PAGE")) out["per_page"] = per_page;
    std::cout << out.dump() << "\n";
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sovang-ocr-stages: %s\n", e.what());
    return 3;
  }
  return 0;
}
