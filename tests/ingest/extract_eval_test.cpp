// `sovang eval`'s pairing of truth records with the archive's records.

#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "core/record.h"
#include "ingest/eval.h"
#include "store/database.h"
#include "store/records.h"
#include "store/sources.h"
#include "test_support.h"

namespace {

using sovang::Box;
using sovang::FieldId;
using sovang::Record;

const char* const kSha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

Record Person(const std::string& id, const std::string& name, const std::string& year, Box where) {
  Record r = sovang::test::MakeRecord(id, name);
  r[FieldId::kBirthYear] = sovang::Field{year, year, 0.99, {}};
  r.source.file = "p002_annex_clean.tif";
  r.source.sha256 = kSha;
  r.source.page = 1;
  r.source.bbox = where;
  r.review = sovang::ReviewState::kAuto;
  return r;
}

}  // namespace

TEST_CASE("Two people of one name on a page are each paired with the record at their place", "[extract]") {
  const sovang::test::TempDir dir;
  sovang::store::Database db = sovang::store::Database::Open(dir.path() / "sovang.db");
  sovang::store::SourceRow source;
  source.sha256 = kSha;
  source.file_name = "p002_annex_clean.tif";
  source.original_path = source.file_name;
  source.master_path = "masters/none";
  source.media_type = "image/tiff";
  source.page_count = 1;
  source.status = "done";
  source.ingested_at = "2025-01-01T00:00:00Z";
  sovang::store::Sources(db).Add(source);
  const Box upper{200, 400, 1800, 60}, lower{200, 1900, 1800, 60};
  // Stored in the other order than the truth lists them.
  sovang::store::Records(db).PutMany({Person("r2", "Hoàng Văn Sằn", "1931", lower),
                                      Person("r1", "Hoàng Văn Sằn", "1920", upper)});
  const auto truth = dir.path() / "truth.jsonl";
  {
    std::ofstream out(truth);
    for (const auto& [year, box, n] : {std::tuple{1920, upper, 1}, std::tuple{1931, lower, 2}})
      out << R"({"truth_key": "p002_annex_clean.tif#1#)" << n
          << R"(", "full_name": "Hoàng Văn Sằn", "birth_year": )" << year
          << R"(, "source": {"file": "p002_annex_clean.tif", "sha256": ")" << kSha << R"(", "page": 1, "bbox": [)" << box.x << ", "
          << box.y << ", " << box.w << ", " << box.h << R"(]}, "kind": "annex", "degradation": "clean"})" << "\n";
  }
  const sovang::ingest::EvalReport report = sovang::ingest::Evaluate(db, truth);
  CHECK(report.overall.truth_records == 2);
  CHECK(report.overall.matched_records == 2);
  CHECK(report.overall.wrong_fields == 0);
  CHECK(report.overall.exact_records == 2);
}
