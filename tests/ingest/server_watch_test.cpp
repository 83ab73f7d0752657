// The ingest's server watch (ingest/server_watch.h) asks recognition to
// step aside while a server answers on the archive, and lets it go when the
// server is quiet or the watch ends; a server that starts after the ingest
// is found. Then the pipeline itself: pages wait while the server answers.

#include "ingest/server_watch.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <thread>

#include "core/server_activity.h"
#include "index/indexer.h"
#include "ingest/pipeline.h"
#include "ocr/step_aside.h"
#include "store/database.h"
#include "test_support.h"

using namespace std::chrono_literals;
using namespace sovang;

namespace {

template <class F>
bool Within(std::chrono::milliseconds limit, F what) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (!what()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

bool Aside() { return ocr::AskedToStepAside(); }
bool Going() { return !ocr::AskedToStepAside(); }

}  // namespace

TEST_CASE("Recognition steps aside while the archive's server answers", "[ingest][step_aside]") {
  test::TempDir dir;
  const ArchiveLayout layout(dir.path());
  auto server = ServerActivity::Open(layout, /*create=*/true);
  REQUIRE(server != nullptr);
  {
    ingest::ServerWatch watch(layout);
    std::this_thread::sleep_for(10ms);
    CHECK(Going());
    server->Begin();
    CHECK(Within(1s, Aside));
    std::this_thread::sleep_for(50ms);
    CHECK(Aside());  // however long the answer takes
    server->End();
    CHECK(Within(1s, Going));
    CHECK(watch.times_asked() == 1);
    server->Begin();
    CHECK(Within(1s, Aside));
  }
  CHECK(Going());  // the watch gone, recognition goes on
  server->End();
}

TEST_CASE("A server that starts after the ingest is watched too", "[ingest][step_aside]") {
  test::TempDir dir;
  const ArchiveLayout layout(dir.path());
  ingest::ServerWatch::Options options;
  options.look_for_server = 20ms;
  ingest::ServerWatch watch(layout, options);
  std::this_thread::sleep_for(30ms);
  auto server = ServerActivity::Open(layout, /*create=*/true);
  REQUIRE(server != nullptr);
  server->Begin();
  CHECK(Within(2s, Aside));
  server->End();
  CHECK(Within(1s, Going));
}

TEST_CASE("An ingest's pages wait while the server answers, and go on after", "[ingest][step_aside]") {
  // A recogniser that reaches a step-aside point, as Tesseract does.
  struct Polite : ocr::Recognizer {
    ocr::RecognizedPage Recognize(const ocr::PageImage&) override {
      ocr::StepAsideIfAsked();
      return test::PageFromText("DANH SÁCH\n1. Ông Nguyễn Văn Thạch, sinh năm 1932\n");
    }
  };
  test::TempDir dir;
  const ArchiveLayout layout(dir.path() / "archive");
  layout.CreateDirectories();
  store::Database db = store::Database::Open(layout.db());
  index::Indexer indexer = index::Indexer::Open(layout.index_dir());
  for (int i = 0; i < 3; ++i) test::WriteTinyPng(dir.path() / "in" / ("p" + std::to_string(i) + ".png"), 30 + i);
  auto server = ServerActivity::Open(layout, /*create=*/true);
  REQUIRE(server != nullptr);
  server->Begin();
  ingest::IngestOptions options;
  options.jobs = 2;
  options.make_recognizer = [] { return std::make_unique<Polite>(); };
  auto ingest =
      std::async(std::launch::async, [&] { return ingest::Ingest(layout, db, indexer, {dir.path() / "in"}, options); });
  CHECK(ingest.wait_for(1s) == std::future_status::timeout);  // three tiny pages: milliseconds alone
  server->End();
  REQUIRE(ingest.wait_for(30s) == std::future_status::ready);
  const ingest::IngestReport report = ingest.get();
  CHECK(report.pages == 3);
  CHECK(report.failed.empty());
}
