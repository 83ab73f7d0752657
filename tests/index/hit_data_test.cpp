#include "index/hit_data.h"

#include <catch2/catch.hpp>

#include "core/record_json.h"

using sovang::FieldId;
using sovang::Record;
using sovang::index::DecodeHitData;
using sovang::index::EncodeHitData;

namespace {

Record FullRecord() {
  Record r;
  r.id = "3f2a9c-p2-r4";
  r[FieldId::kFullName].value = "Hoàng Thị Mìu";
  r[FieldId::kGender].value = "nữ";
  r[FieldId::kBirthYear].value = "1932";
  r[FieldId::kCommune].value = "Lộc Yên";
  r[FieldId::kDistrict].value = "Cao Lộc";
  r[FieldId::kProvince].value = "Lạng Sơn";
  r[FieldId::kAward].value = "Huân chương Kháng chiến hạng Nhì";
  r[FieldId::kAwardCode].value = "HCKC-CP-2";
  r[FieldId::kDecisionNumber].value = "1502/2005/QĐ-CTN";
  r[FieldId::kDecisionDate].value = "2005-08-10";
  r[FieldId::kAuthority].value = "Chủ tịch nước";
  r[FieldId::kBookNumber].value = "73372";
  r.kind = sovang::PageKind::kLedger;
  r.review = sovang::ReviewState::kNeedsReview;
  r.confidence = 0.6180339887;
  r.source.file = "so-vang-1985.tif";
  r.source.sha256 = std::string(64, 'a');
  r.source.page = 12;
  r.source.row = 0;
  r.source.page_id = 1234567890123;
  r.source.bbox = {-3, 2400, 1800, 95};
  return r;
}

void CheckSame(const Record& got, const Record& want) {
  CHECK(got.id == want.id);
  for (std::size_t i = 0; i < sovang::kFieldCount; ++i) {
    INFO(sovang::FieldKey(static_cast<FieldId>(i)));
    CHECK(got.fields[i].value == want.fields[i].value);
    CHECK(got.fields[i].verbatim == want.fields[i].value);
    CHECK(got.fields[i].confidence == (want.fields[i].present() ? 1.0 : 0.0));
  }
  CHECK(got.kind == want.kind);
  CHECK(got.review == want.review);
  CHECK(got.confidence == want.confidence);
  CHECK(got.source.file == want.source.file);
  CHECK(got.source.sha256 == want.source.sha256);
  CHECK(got.source.page == want.source.page);
  CHECK(got.source.row == want.source.row);
  CHECK(got.source.page_id == want.source.page_id);
  CHECK(got.source.bbox == want.source.bbox);
}

}  // namespace

TEST_CASE("A hit's record comes back from its document data as it went in", "[index][hit_data]") {
  const Record full = FullRecord();
  const auto back = DecodeHitData(EncodeHitData(full));
  REQUIRE(back);
  CheckSame(*back, full);

  Record sparse;  // a CSV row with a name only
  sparse.id = "csv-7";
  sparse[FieldId::kFullName].value = "Vy Xuân Hòa";
  sparse.kind = sovang::PageKind::kCsv;
  sparse.source.row = 7;
  const auto sparse_back = DecodeHitData(EncodeHitData(sparse));
  REQUIRE(sparse_back);
  CheckSame(*sparse_back, sparse);
}

TEST_CASE("The binary hit data is much shorter than the record JSON it replaced", "[index][hit_data]") {
  const Record r = FullRecord();
  CHECK(EncodeHitData(r).size() * 10 < sovang::RecordToJson(r).dump().size() * 7);
}

TEST_CASE("Documents of older indexes, which hold the record JSON, are still read", "[index][hit_data]") {
  const Record r = FullRecord();
  const auto back = DecodeHitData(sovang::RecordToJson(r).dump());
  REQUIRE(back);
  CheckSame(*back, r);
}

TEST_CASE("Damaged document data is refused, never read past its end", "[index][hit_data]") {
  const std::string data = EncodeHitData(FullRecord());
  for (std::size_t n = 0; n < data.size(); ++n) {
    INFO("first " << n << " bytes");
    CHECK_FALSE(DecodeHitData(std::string_view(data).substr(0, n)));
  }
  CHECK_FALSE(DecodeHitData(data + "x"));            // trailing bytes
  CHECK_FALSE(DecodeHitData("not a record"));         // neither form
  CHECK_FALSE(DecodeHitData("{\"id\": [1, 2]}"));     // JSON of the wrong shape
  // An empty record: format, id length 0, no fields, then the kind byte.
  std::string bad_kind = EncodeHitData(Record{});
  REQUIRE(DecodeHitData(bad_kind));
  bad_kind[3] = '\x09';
  CHECK_FALSE(DecodeHitData(bad_kind));
}
