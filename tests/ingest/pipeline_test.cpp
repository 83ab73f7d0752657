// The ingest pipeline through its seam: real files, a real SQLite store and a
// real Xapian index, with a canned recogniser instead of Tesseract (the real
// recogniser has its own tests, and the end-to-end test runs it).

#include "ingest/pipeline.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <vector>

#include <sched.h>

#include "core/archive_layout.h"
#include "core/error.h"
#include "index/indexer.h"
#include "index/searcher.h"
#include "ingest/index_sync.h"
#include "ingest/page_crop.h"
#include "ocr/page_image.h"
#include "store/database.h"
#include "store/records.h"
#include "store/sources.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sovang;

namespace {

class CannedRecognizer : public ocr::Recognizer {
 public:
  ocr::RecognizedPage Recognize(const ocr::PageImage& image) override {
    return test::PageFromText(
        "DANH SÁCH\n"
        "(Kèm theo Quyết định số 803/QĐ-CTN ngày 10 tháng 8 năm 1975 của Chủ tịch nước)\n"
        "Huân chương Kháng chiến hạng Nhất:\n"
        "1. Ông Nguyễn Văn Thạch, sinh năm 1932; quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn;\n"
        "2. Bà Hoàng Thị Ánh, sinh năm 1935; quê quán: xã Hòa Cư, huyện Cao Lộc, tỉnh Lạng Sơn;\n",
        image.width(), image.height());
  }
};

ingest::IngestOptions CannedOptions() {
  ingest::IngestOptions options;
  options.jobs = 2;
  options.make_recognizer = [] { return std::make_unique<CannedRecognizer>(); };
  options.lower_worker_priority = false;
  return options;
}

struct Archive {
  test::TempDir dir;
  ArchiveLayout layout{dir.path() / "archive"};
  store::Database db = [this] {
    layout.CreateDirectories();
    return store::Database::Open(layout.db());
  }();
  index::Indexer indexer = index::Indexer::Open(layout.index_dir());

  ingest::IngestReport Ingest(const std::vector<fs::path>& inputs) {
    return ingest::Ingest(layout, db, indexer, inputs, CannedOptions());
  }
};

}  // namespace

TEST_CASE("Ingest stores pages and records, and the same files again add nothing", "[ingest][pipeline]") {
  Archive archive;
  const fs::path inputs = archive.dir.path() / "in";
  test::WriteTinyPng(inputs / "a.png", 1);
  test::WriteTinyPng(inputs / "sub" / "b.png", 2);

  const ingest::IngestReport first = archive.Ingest({inputs});
  CHECK(first.failed.empty());
  CHECK(first.sources == 2);
  CHECK(first.pages == 2);
  CHECK(first.records == 4);
  CHECK(first.skipped == 0);
  CHECK(store::Records(archive.db).Count() == 4);
  CHECK(archive.indexer.DocumentCount() == 4);

  const ingest::IngestReport second = archive.Ingest({inputs});
  CHECK(second.sources == 0);
  CHECK(second.pages == 0);
  CHECK(second.records == 0);
  CHECK(second.skipped == 2);
  CHECK(store::Records(archive.db).Count() == 4);
  CHECK(store::Sources(archive.db).List().size() == 2);

  // Every master is kept once, by hash, and its page image is there.
  for (const store::SourceRow& s : store::Sources(archive.db).List()) {
    INFO(s.file_name);
    CHECK(fs::exists(archive.layout.root / s.master_path));
    for (const store::PageRow& p : store::Sources(archive.db).PagesOf(s.id))
      CHECK(fs::exists(archive.layout.root / p.image_path));
  }
}

TEST_CASE("A file that is not a readable image is reported by name and the run goes on", "[ingest][pipeline]") {
  Archive archive;
  const fs::path dir = archive.dir.path() / "in";
  test::WriteTinyPng(dir / "good.png", 3);
  test::WriteFile(dir / "notes.txt", "không phải ảnh");
  test::WriteFile(dir / "empty.png", "");
  test::WriteFile(dir / "truncated.png", test::TinyPngBytes(4).substr(0, 20));

  const ingest::IngestReport report =
      archive.Ingest({dir / "good.png", dir / "notes.txt", dir / "empty.png", dir / "truncated.png", dir / "missing.tif"});
  CHECK(report.sources == 1);
  CHECK(report.records == 2);
  REQUIRE(report.failed.size() == 4);
  for (const char* name : {"notes.txt", "empty.png", "truncated.png", "missing.tif"}) {
    INFO(name);
    const bool named = std::any_of(report.failed.begin(), report.failed.end(),
                                   [&](const ingest::FailedInput& f) { return f.file.find(name) != std::string::npos; });
    CHECK(named);
  }
  for (const auto& f : report.failed) CHECK_FALSE(f.reason.empty());
}

TEST_CASE("The index replays the outbox after a crash between store and index commits", "[ingest][outbox]") {
  test::TempDir dir;
  store::Database db = store::Database::Open(dir.path() / "sovang.db");
  store::Records records(db);
  for (int i = 1; i <= 10; ++i) records.Put(test::MakeRecord("r" + std::to_string(i), "Nguyễn Văn Thạch " + std::to_string(i)));

  {
    // The index applied the first four entries, then the process died before
    // the rest: no commit beyond seq 4.
    index::Indexer indexer = index::Indexer::Open(dir.path() / "index");
    for (const store::OutboxEntry& e : store::Outbox(db).After(0, 4)) indexer.Upsert(*records.Get(e.record_id));
    indexer.Commit(4);
    for (const store::OutboxEntry& e : store::Outbox(db).After(4, 100)) indexer.Upsert(*records.Get(e.record_id));
    // no Commit: these are lost with the crash
  }
  index::Indexer indexer = index::Indexer::Open(dir.path() / "index");
  CHECK(indexer.LastAppliedSeq() == 4);
  CHECK(ingest::SyncIndex(db, indexer) == 6);
  CHECK(indexer.DocumentCount() == 10);
  CHECK(indexer.LastAppliedSeq() == store::Outbox(db).LastSeq());
  CHECK(ingest::SyncIndex(db, indexer) == 0);  // nothing left: replay is idempotent

  // A deletion travels the same way.
  records.Remove("r3");
  CHECK(ingest::SyncIndex(db, indexer) == 1);
  CHECK(indexer.DocumentCount() == 9);
}

TEST_CASE("A record's crop is the part of its page image inside its box", "[ingest][crop]") {
  test::TempDir dir;
  test::WriteTinyPng(dir.path() / "page.png", 5);
  const std::string png = ingest::CropPng(dir.path() / "page.png", Box{2, 3, 4, 2});
  const ocr::PageImage crop = ocr::PageImage::Decode(png);
  CHECK(crop.width() == 4);
  CHECK(crop.height() == 2);
  // A box running off the page is clamped to it.
  CHECK(ocr::PageImage::Decode(ingest::CropPng(dir.path() / "page.png", Box{6, 6, 50, 50})).width() == 2);
  CHECK_THROWS_AS(ingest::CropPng(dir.path() / "missing.png", Box{0, 0, 1, 1}), Error);
}

TEST_CASE("A single PNG or JPEG is its own page image; pages of other files get a PNG beside the master",
          "[ingest][pipeline]") {
  Archive archive;
  const fs::path fixtures = fs::path(SOVANG_SOURCE_DIR) / "tests/ocr/fixtures";
  const fs::path inputs = archive.dir.path() / "in";
  fs::create_directories(inputs);
  for (const char* name : {"colour.jpg", "depth8.png", "three_pages.tif"}) fs::copy_file(fixtures / name, inputs / name);
  // A JPEG named .png: its page is served by its name's type, so it gets a real PNG.
  fs::copy_file(fixtures / "aged_skewed.jpg", inputs / "photo.png");

  const ingest::IngestReport report = archive.Ingest({inputs});
  REQUIRE(report.failed.empty());
  CHECK(report.pages == 6);
  int own = 0, beside = 0;
  for (const store::SourceRow& s : store::Sources(archive.db).List()) {
    for (const store::PageRow& p : store::Sources(archive.db).PagesOf(s.id)) {
      INFO(s.file_name << " page " << p.page_no << ": " << p.image_path);
      REQUIRE(fs::exists(archive.layout.root / p.image_path));
      const bool as_master = s.file_name == "colour.jpg" || s.file_name == "depth8.png";
      if (as_master) {
        ++own;
        CHECK(p.image_path == s.master_path);
      } else {
        ++beside;
        CHECK(p.image_path.rfind("pages/", 0) == 0);
        CHECK(ReadFile(archive.layout.root / p.image_path).substr(1, 3) == "PNG");
      }
      // Either way the page image decodes to the page's size, and crops work.
      const ocr::PageImage image = ocr::PageImage::Decode(ReadFile(archive.layout.root / p.image_path));
      CHECK(image.width() == p.width);
      CHECK(image.height() == p.height);
      CHECK_FALSE(ingest::CropPage(archive.layout, p.id, Box{0, 0, 8, 8}).empty());
    }
  }
  CHECK(own == 2);
  CHECK(beside == 4);
}

TEST_CASE("OCR workers yield to every other thread: they run at SCHED_IDLE", "[ingest][pipeline]") {
  // What the recogniser's thread runs at, as each page is read.
  struct PolicyRecorder : CannedRecognizer {
    explicit PolicyRecorder(std::vector<int>& seen, std::mutex& mu) : seen_(seen), mu_(mu) {}
    ocr::RecognizedPage Recognize(const ocr::PageImage& image) override {
      const int policy = sched_getscheduler(0);  // 0: the calling thread
      std::lock_guard<std::mutex> lock(mu_);
      seen_.push_back(policy);
      return CannedRecognizer::Recognize(image);
    }
    std::vector<int>& seen_;
    std::mutex& mu_;
  };
  std::vector<int> seen;
  std::mutex mu;
  Archive archive;
  const fs::path dir = archive.dir.path() / "in";
  for (int i = 0; i < 4; ++i) test::WriteTinyPng(dir / ("p" + std::to_string(i) + ".png"), 10 + i);
  ingest::IngestOptions options = CannedOptions();
  options.lower_worker_priority = true;
  options.make_recognizer = [&] { return std::make_unique<PolicyRecorder>(seen, mu); };
  const ingest::IngestReport report = ingest::Ingest(archive.layout, archive.db, archive.indexer, {dir}, options);
  CHECK(report.pages == 4);
  REQUIRE(seen.size() == 4);
  for (const int policy : seen) CHECK(policy == SCHED_IDLE);
  // The calling thread (the store writer) keeps its own.
  CHECK(sched_getscheduler(0) == SCHED_OTHER);
}
