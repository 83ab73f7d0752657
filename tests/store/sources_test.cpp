#include "store/sources.h"

#include <catch2/catch.hpp>

#include "core/error.h"
#include "store_test_util.h"

using sovang::Errc;
using sovang::Error;
using sovang::PageKind;
using sovang::store::Database;
using sovang::store::PageRow;
using sovang::store::SourceRow;
using sovang::store::Sources;
using sovang::store::testing::FakeSha;
using sovang::store::testing::TempDir;

namespace {

SourceRow Tiff(int seed) {
  SourceRow row;
  row.sha256 = FakeSha(seed);
  row.file_name = "p00" + std::to_string(seed) + "_ledger.tif";
  row.original_path = "/scans/p00" + std::to_string(seed) + "_ledger.tif";
  row.master_path = "masters/" + row.sha256.substr(0, 2) + "/" + row.sha256 + ".tif";
  row.media_type = "image/tiff";
  row.size_bytes = 123456;
  row.page_count = 2;
  return row;
}

}  // namespace

TEST_CASE("A source round-trips and is found by its SHA-256", "[store]") {
  TempDir dir;
  Database db = Database::Open(dir / "archive.db");
  Sources sources(db);
  const SourceRow in = Tiff(1);
  const std::int64_t id = sources.Add(in);
  CHECK(id > 0);

  const auto out = sources.FindBySha(in.sha256);
  REQUIRE(out);
  CHECK(out->id == id);
  CHECK(out->sha256 == in.sha256);
  CHECK(out->file_name == in.file_name);
  CHECK(out->original_path == in.original_path);
  CHECK(out->master_path == in.master_path);
  CHECK(out->media_type == in.media_type);
  CHECK(out->size_bytes == in.size_bytes);
  CHECK(out->page_count == 2);
  CHECK(out->status == "pending");
  CHECK(out->error.empty());
  CHECK(out->ingested_at.size() == 24);  // 2024-05-01T08:30:00.000Z
  CHECK(out->ingested_at.back() == 'Z');

  CHECK(sources.Get(id)->sha256 == in.sha256);
  CHECK_FALSE(sources.Get(id + 1));
  CHECK_FALSE(sources.FindBySha(FakeSha(2)));
}

TEST_CASE("Adding a source with a SHA-256 already in the archive is a conflict", "[store]") {
  TempDir dir;
  Database db = Database::Open(dir / "archive.db");
  Sources sources(db);
  sources.Add(Tiff(1));
  SourceRow again = Tiff(1);
  again.file_name = "copy of p001.tif";
  try {
    sources.Add(again);
    FAIL("no conflict");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::kConflict);
    CHECK_THAT(e.what(), Catch::Contains("already in the archive") && Catch::Contains("p001_ledger.tif"));
  }
  CHECK(sources.List().size() == 1);
}

TEST_CASE("A SHA-256 that is not 64 lowercase hex digits is refused", "[store]") {
  TempDir dir;
  Database db = Database::Open(dir / "archive.db");
  Sources sources(db);
  for (const std::string& sha : {std::string("abc"), std::string(64, 'A'), std::string(63, 'a') + "g"}) {
    INFO(sha);
    SourceRow row = Tiff(1);
    row.sha256 = sha;
    CHECK_THROWS_MATCHES(sources.Add(row), Error, Catch::Predicate<Error>([](const Error& e) {
                           return e.code() == Errc::kConflict;
                         }));
  }
}

TEST_CASE("A source's status, error and page count are set together", "[store]") {
  TempDir dir;
  Database db = Database::Open(dir / "archive.db");
  Sources sources(db);
  const std::int64_t id = sources.Add(Tiff(1));

  sources.SetStatus(id, "failed", "cannot decode page 2");
  CHECK(sources.Get(id)->status == "failed");
  CHECK(sources.Get(id)->error == "cannot decode page 2");
  CHECK(sources.Get(id)->page_count == 2);  // -1: unchanged

  sources.SetStatus(id, "done", "", 3);
  CHECK(sources.Get(id)->status == "done");
  CHECK(sources.Get(id)->error.empty());
  CHECK(sources.Get(id)->page_count == 3);

  CHECK_THROWS_MATCHES(sources.SetStatus(id + 10, "done"), Error,
                       Catch::Predicate<Error>([](const Error& e) { return e.code() == Errc::kNotFound; }));
  CHECK_THROWS_MATCHES(sources.SetStatus(id, "bogus"), Error,
                       Catch::Predicate<Error>([](const Error& e) { return e.code() == Errc::kConflict; }));
}

TEST_CASE("Sources are listed in the order they were added", "[store]") {
  TempDir dir;
  Database db = Database::Open(dir / "archive.db");
  Sources sources(db);
  for (int seed : {5, 3, 9}) sources.Add(Tiff(seed));
  const auto list = sources.List();
  REQUIRE(list.size() == 3);
  CHECK(list[0].sha256 == FakeSha(5));
  CHECK(list[1].sha256 == FakeSha(3));
  CHECK(list[2].sha256 == FakeSha(9));
}

TEST_CASE("Putting a page again updates it in place and keeps its id", "[store]") {
  TempDir dir;
  Database db = Database::Open(dir / "archive.db");
  Sources sources(db);
  const std::int64_t source_id = sources.Add(Tiff(1));

  PageRow page;
  page.source_id = source_id;
  page.page_no = 1;
  page.kind = PageKind::kLedger;
  page.width = 2480;
  page.height = 3508;
  page.image_path = "pages/ab/abcd-1.png";
  page.hocr_path = "pages/ab/abcd-1.hocr";
  page.mean_confidence = 0.91;
  page.status = "done";
  const std::int64_t id = sources.PutPage(page);

  const auto out = sources.GetPage(id);
  REQUIRE(out);
  CHECK(out->source_id == source_id);
  CHECK(out->page_no == 1);
  CHECK(out->kind == PageKind::kLedger);
  CHECK(out->width == 2480);
  CHECK(out->height == 3508);
  CHECK(out->image_path == page.image_path);
  CHECK(out->hocr_path == page.hocr_path);
  CHECK(out->mean_confidence == 0.91);
  CHECK(out->status == "done");
  CHECK(out->error.empty());

  page.kind = PageKind::kAnnex;
  page.status = "failed";
  page.error = "recogniser crashed";
  CHECK(sources.PutPage(page) == id);
  CHECK(sources.GetPage(id)->kind == PageKind::kAnnex);
  CHECK(sources.GetPage(id)->error == "recogniser crashed");

  page.page_no = 2;
  page.status = "";
  const std::int64_t second = sources.PutPage(page);
  CHECK(second != id);
  CHECK(sources.GetPage(second)->status == "pending");

  const auto pages = sources.PagesOf(source_id);
  REQUIRE(pages.size() == 2);
  CHECK(pages[0].page_no == 1);
  CHECK(pages[1].page_no == 2);
  CHECK(sources.CountPages() == 2);
  CHECK_FALSE(sources.GetPage(second + 1));
}

TEST_CASE("A page of a source that is not in the archive is a conflict, not a crash", "[store]") {
  TempDir dir;
  Database db = Database::Open(dir / "archive.db");
  Sources sources(db);
  PageRow page;
  page.source_id = 77;
  try {
    sources.PutPage(page);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::kConflict);
    CHECK_THAT(e.what(), Catch::Contains("FOREIGN KEY"));
  }
  CHECK(sources.CountPages() == 0);
}
