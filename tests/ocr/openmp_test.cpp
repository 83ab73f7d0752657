// Tesseract's OpenMP regions in a recogniser thread run without a libgomp
// team (ocr/openmp.cpp); elsewhere libgomp runs them. The regions are started
// here through the same entry points GCC emits for Tesseract's pragmas.

#include <catch2/catch.hpp>

#include <dlfcn.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "ocr/internal/openmp.h"
#include "ocr/page_loader.h"
#include "ocr/recognizer.h"

extern "C" {
void GOMP_parallel(void (*fn)(void*), void* data, unsigned num_threads, unsigned flags);
void GOMP_parallel_sections(void (*fn)(void*), void* data, unsigned num_threads, unsigned count, unsigned flags);
unsigned GOMP_sections_next();
void GOMP_sections_end_nowait();
}

namespace {

using sovang::ocr::LimitOpenMpInThisThread;
using sovang::ocr::OpenMpRegionsRunInlineInThisThread;

int OmpThreadNum() {
  static const auto f = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "omp_get_thread_num"));
  return f ? f() : 0;
}
int OmpNumThreads() {
  static const auto f = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "omp_get_num_threads"));
  return f ? f() : 1;
}

struct Seen {
  std::vector<unsigned> sections;
  int calls = 0, num_threads = 0, thread_num = -1;
};

// The body GCC outlines for `omp parallel sections`: take sections until 0.
void SectionsBody(void* data) {
  auto* seen = static_cast<Seen*>(data);
  for (unsigned s = GOMP_sections_next(); s != 0; s = GOMP_sections_next()) seen->sections.push_back(s);
  GOMP_sections_end_nowait();
}

// Section 2 opens two sections of its own.
struct Nested {
  Seen outer, inner;
};
void NestedBody(void* data) {
  auto* n = static_cast<Nested*>(data);
  for (unsigned s = GOMP_sections_next(); s != 0; s = GOMP_sections_next()) {
    n->outer.sections.push_back(s);
    if (s == 2) GOMP_parallel_sections(SectionsBody, &n->inner, 0, 2, 0);
  }
  GOMP_sections_end_nowait();
}

void CountBody(void* data) {
  auto* seen = static_cast<Seen*>(data);
  ++seen->calls;  // one thread in a team of one; nothing to lock
  seen->num_threads = OmpNumThreads();
  seen->thread_num = OmpThreadNum();
}

}  // namespace

TEST_CASE("A recogniser thread runs an OpenMP region's body once, as thread 0 of 1", "[ocr]") {
  std::thread([] {
    LimitOpenMpInThisThread();
    const long before = OpenMpRegionsRunInlineInThisThread();
    Seen seen;
    GOMP_parallel(CountBody, &seen, 4, 0);
    CHECK(seen.calls == 1);
    CHECK(seen.num_threads == 1);
    CHECK(seen.thread_num == 0);
    CHECK(OpenMpRegionsRunInlineInThisThread() == before + 1);
  }).join();
}

TEST_CASE("Sections run inline are handed out in order, nested ones inside their section", "[ocr]") {
  std::thread([] {
    LimitOpenMpInThisThread();
    Seen seen;
    GOMP_parallel_sections(SectionsBody, &seen, 0, 3, 0);
    CHECK(seen.sections == std::vector<unsigned>{1, 2, 3});
    Nested nested;
    GOMP_parallel_sections(NestedBody, &nested, 0, 3, 0);
    CHECK(nested.outer.sections == std::vector<unsigned>{1, 2, 3});
    CHECK(nested.inner.sections == std::vector<unsigned>{1, 2});
  }).join();
}

TEST_CASE("A thread not limited to one OpenMP thread gets libgomp's own regions", "[ocr]") {
  std::thread([] {
    const long before = OpenMpRegionsRunInlineInThisThread();
    Seen one;
    GOMP_parallel_sections(SectionsBody, &one, 1, 3, 0);  // a team of one, by libgomp
    CHECK(one.sections == std::vector<unsigned>{1, 2, 3});
    Seen team;
    GOMP_parallel(CountBody, &team, 1, 0);
    CHECK(team.calls == 1);
    CHECK(OpenMpRegionsRunInlineInThisThread() == before);  // none of them ran here
  }).join();
}

TEST_CASE("Recognising a page runs Tesseract's OpenMP regions without a team", "[ocr]") {
  std::thread([] {
    sovang::ocr::PinOpenMpToOneThread();
    static auto recognizer = sovang::ocr::MakeTesseractRecognizer();
    const long before = OpenMpRegionsRunInlineInThisThread();
    const auto page = recognizer->Recognize(
        sovang::ocr::LoadPage(std::filesystem::path(SOVANG_SOURCE_DIR) / "tests/ocr/fixtures/line_vi.png", 1).image);
    CHECK(page.FullText().find("Nguyễn") != std::string::npos);
    // The LSTM opens regions for every time step of the line: hundreds.
    CHECK(OpenMpRegionsRunInlineInThisThread() - before > 100);
  }).join();
}
