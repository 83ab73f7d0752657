// Recognition steps aside when asked (ocr/step_aside.h): a thread at a
// step-aside point sleeps until let go, and real Tesseract reaches such
// points inside a page (the LSTM hooks, the per-word monitor), reading the
// same text once let go.

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

#include "ocr/page_loader.h"
#include "ocr/recognizer.h"
#include "ocr/step_aside.h"

using namespace std::chrono_literals;
namespace ocr = sovang::ocr;

TEST_CASE("A thread at a step-aside point sleeps while asked and goes on when let go", "[ocr][step_aside]") {
  std::atomic<long> passes{0};
  std::atomic<bool> stop{false};
  std::thread loop([&] {
    while (!stop) {
      ocr::StepAsideIfAsked();
      ++passes;
    }
  });
  while (passes < 1000) std::this_thread::yield();
  const long pauses_before = ocr::StepAsidePauses();
  ocr::AskToStepAside(true);
  CHECK(ocr::AskedToStepAside());
  std::this_thread::sleep_for(20ms);  // the loop reaches its point and stops there
  const long held = passes;
  std::this_thread::sleep_for(100ms);
  CHECK(passes <= held + 1);
  ocr::AskToStepAside(false);
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  while (passes < held + 1000 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  CHECK(passes >= held + 1000);
  stop = true;
  loop.join();
  CHECK(ocr::StepAsidePauses() == pauses_before + 1);
  CHECK(ocr::TimeSteppedAside() >= 100ms);
}

TEST_CASE("Tesseract steps aside inside a page and reads the same once let go", "[ocr][step_aside]") {
  auto recognizer = ocr::MakeTesseractRecognizer();
  const auto image =
      ocr::LoadPage(std::filesystem::path(SOVANG_SOURCE_DIR) / "tests/ocr/fixtures/line_vi.png", 1).image;
  const std::string alone = recognizer->Recognize(image).hocr;
  REQUIRE(alone.find("Nguyễn") != std::string::npos);

  const long pauses_before = ocr::StepAsidePauses();
  ocr::AskToStepAside(true);
  auto reading = std::async(std::launch::async, [&] { return recognizer->Recognize(image).hocr; });
  // The page takes well under a second alone; asked, it waits.
  CHECK(reading.wait_for(1500ms) == std::future_status::timeout);
  ocr::AskToStepAside(false);
  const std::string aside = reading.get();
  CHECK(ocr::StepAsidePauses() == pauses_before + 1);
  CHECK(aside == alone);
}
