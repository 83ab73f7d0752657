// The ingest's server watch (ingest/server_watch.h) asks recognition to
// step aside while a server on the archive spends more than a share of a
// core answering, not for a trickle of requests, and lets it go when the
// load stops or the watch ends; a server that starts after the ingest is
// found. Then the pipeline itself: pages wait while the server is busy.

#include "ingest/server_watch.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

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

// A server answering on `threads` threads of its own until destroyed:
// each answer `answer` long, `gap` apart on its thread. Answers wait
// (sleep) rather than spin, as a server waiting on I/O or a worker does:
// on a loaded test machine a sleeping thread is woken promptly, where a
// spinning one would be preempted and leave gaps.
class Load {
 public:
  Load(ServerActivity& server, std::chrono::microseconds answer, std::chrono::microseconds gap, int threads = 1) {
    for (int i = 0; i < threads; ++i) {
      threads_.emplace_back([&server, answer, gap, this] {
        while (!stop_) {
          const auto begun = server.Begin();
          std::this_thread::sleep_for(answer);
          server.End(begun);
          std::this_thread::sleep_for(gap);
        }
      });
    }
  }
  ~Load() {
    stop_ = true;
    for (auto& t : threads_) t.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
};

}  // namespace

TEST_CASE("Recognition steps aside while the archive's server is busy, not for a trickle", "[ingest][step_aside]") {
  test::TempDir dir;
  const ArchiveLayout layout(dir.path());
  auto server = ServerActivity::Open(layout, /*create=*/true);
  REQUIRE(server != nullptr);
  {
    ingest::ServerWatch watch(layout);
    {
      // ~1% of a core. An answer whose thread is preempted mid-way (a
      // loaded test machine) may look long once in a while: a few
      // milliseconds aside then, never most of the time.
      Load trickle(*server, 50us, 5ms);
      std::this_thread::sleep_for(300ms);
    }
    CHECK(Within(100ms, Going));
    CHECK(watch.seconds_aside() < 0.05);
    const double before_busy = watch.seconds_aside();
    {
      Load busy(*server, 1ms, 0us, 4);  // four requests answered all the time
      CHECK(Within(1s, Aside));
      std::this_thread::sleep_for(200ms);
    }
    CHECK(Within(1s, Going));
    CHECK(watch.times_asked() >= 1);
    // Aside for most of the busy stretch, however long it lasted.
    CHECK(watch.seconds_aside() - before_busy >= 0.15);
    CHECK(watch.seconds_aside() < 5.0);
    const auto begun = server->Begin();  // one long answer: counted when it ends
    std::this_thread::sleep_for(20ms);
    server->End(begun);
    CHECK(Within(1s, Aside));
    CHECK(Within(1s, Going));
    Load busy(*server, 1ms, 0us, 4);
    CHECK(Within(1s, Aside));
  }
  CHECK(Going());  // the watch gone, recognition goes on
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
  {
    Load busy(*server, 1ms, 0us, 4);
    CHECK(Within(2s, Aside));
  }
  CHECK(Within(1s, Going));
}

TEST_CASE("An ingest's pages wait while the server is busy, and go on after", "[ingest][step_aside]") {
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
  for (int i = 0; i < 12; ++i) test::WriteTinyPng(dir.path() / "in" / ("p" + std::to_string(i) + ".png"), 30 + i);
  auto server = ServerActivity::Open(layout, /*create=*/true);
  REQUIRE(server != nullptr);
  ingest::IngestOptions options;
  options.jobs = 2;
  options.make_recognizer = [] { return std::make_unique<Polite>(); };
  std::future<ingest::IngestReport> ingest;
  {
    Load busy(*server, 1ms, 0us, 4);
    ingest = std::async(std::launch::async,
                        [&] { return ingest::Ingest(layout, db, indexer, {dir.path() / "in"}, options); });
    CHECK(ingest.wait_for(1500ms) == std::future_status::timeout);  // twelve tiny pages: milliseconds alone
  }
  REQUIRE(ingest.wait_for(30s) == std::future_status::ready);
  const ingest::IngestReport report = ingest.get();
  CHECK(report.pages == 12);
  CHECK(report.failed.empty());
  CHECK(report.seconds_paused_for_server >= 1.0);  // the 1.5 s the server was busy, less its start
  CHECK(report.seconds_paused_for_server < 30.0);
}
