// Extraction that archivists can trust: layouts Tesseract splits, values that
// are wrong and must say so. Canned OCR output, no Tesseract.

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "core/award_catalog.h"
#include "core/gazetteer.h"
#include "ingest/award_match.h"
#include "ingest/extract.h"
#include "ingest/extract_kinds.h"
#include "ingest/field_parse.h"
#include "ingest/ledger_columns.h"
#include "ingest/name_parse.h"
#include "ingest/post_correct.h"
#include "test_support.h"

namespace {

using sovang::AwardCatalog;
using sovang::Box;
using sovang::FieldId;
using sovang::Gazetteer;
using sovang::PageKind;
using sovang::Record;
using sovang::ReviewState;
using sovang::ocr::Line;
using sovang::ocr::RecognizedPage;
using sovang::ocr::Word;

Line At(const std::string& text, int x, int y, double confidence = 0.95) {
  return sovang::test::LineAt(text, x, y, confidence);
}

RecognizedPage Page(std::vector<Line> lines) {
  RecognizedPage page;
  page.width = 2480;
  page.height = 3508;
  page.lines = std::move(lines);
  page.mean_confidence = 0.95;
  return page;
}

std::vector<Record> Extract(const RecognizedPage& page) {
  sovang::SourceRef source;
  source.file = "p001.tif";
  source.sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  source.page = 2;
  const sovang::ingest::ExtractContext context{AwardCatalog::Default(), Gazetteer::Default(), source};
  return sovang::ingest::ExtractRecords(page, context);
}

const std::string& V(const Record& r, FieldId id) { return r.value(id); }

}  // namespace

TEST_CASE("An annex page whose entry numbers were read as a column of their own gives every entry", "[extract]") {
  // A continuation page: no title; Tesseract read the numbers as one block,
  // then the entries' text as another (a wrapped entry continues below).
  std::vector<Line> lines = {At("- 2 -", 1200, 100), At("32.", 200, 200), At("33.", 200, 320),
                             At("Sả.", 200, 380)};
  lines.push_back(At("Bà Hà Thị Liên, sinh năm 1903; quê quán: xã Trấn Ninh,", 280, 200));
  lines.push_back(At("huyện Văn Quan, tỉnh Lạng Sơn;", 340, 260));
  lines.push_back(At("Ông Nguyễn Thuận, sinh năm 1931; quê quán: xã Khuất Xá, huyện Lộc Bình;", 280, 320));
  lines.push_back(At("Ông Lê Văn Dần, sinh năm 1910; quê quán: xã Tân Lang, huyện Văn Lãng;", 280, 380));
  const RecognizedPage page = Page(lines);
  REQUIRE(sovang::ingest::ClassifyPage(page) == PageKind::kAnnex);
  const auto records = Extract(page);
  REQUIRE(records.size() == 3);
  CHECK(V(records[0], FieldId::kFullName) == "Hà Thị Liên");
  CHECK(V(records[0], FieldId::kDistrict) == "Văn Quan");
  CHECK(V(records[1], FieldId::kFullName) == "Nguyễn Thuận");
  CHECK(V(records[2], FieldId::kFullName) == "Lê Văn Dần");
  CHECK(V(records[2], FieldId::kBirthYear) == "1910");
}

TEST_CASE("Lines split side by side join, columns far apart stay apart", "[extract]") {
  const std::vector<Line> lines = {At("Gia đình ông Đàm", 1200, 860), At("Sinh năm:", 1500, 960),
                                   At("Slương Mìu", 1640, 862), At("1964", 1720, 958),
                                   At("Số quyết định: 754/QĐ-CTN", 250, 1980), At("Hà Nội, ngày 14", 2000, 1980)};
  const auto joined = sovang::ingest::JoinSplitLines(lines);
  REQUIRE(joined.size() == 4);
  CHECK(joined[0].Text() == "Gia đình ông Đàm Slương Mìu");
  CHECK(joined[1].Text() == "Sinh năm: 1964");
  CHECK(joined[2].Text() == "Số quyết định: 754/QĐ-CTN");
  CHECK(joined[3].Text() == "Hà Nội, ngày 14");
}

TEST_CASE("A name word OCR read with a small first letter gets its capital back", "[extract]") {
  using sovang::ingest::NormalizeName;
  CHECK(NormalizeName("Nguyễn Đức cần") == "Nguyễn Đức Cần");
  CHECK(NormalizeName("Đỗ quang Cần") == "Đỗ Quang Cần");
  CHECK(NormalizeName("Nguyễn Văn Thạch") == "Nguyễn Văn Thạch");
  // Collectives keep their small letters.
  CHECK(NormalizeName("Nhân dân và cán bộ xã Lộc Yên") == "Nhân dân và cán bộ xã Lộc Yên");
}

TEST_CASE("Name syllables with marks OCR often confuses are doubtful, lexicon names are not", "[extract]") {
  using sovang::ingest::DoubtfulSyllables;
  CHECK(DoubtfulSyllables("Vi Văn Săn") == 1);
  CHECK(DoubtfulSyllables("Hoàng Văn Sẵn") == 1);
  CHECK(DoubtfulSyllables("Nông Văn Lễnh") == 1);
  CHECK(DoubtfulSyllables("Nguyễn Văn Thạch") == 0);  // Nguyễn and Văn are in the lexicons
  CHECK(DoubtfulSyllables("Lương Thị Sằn") == 0);
  CHECK(DoubtfulSyllables("Hoàng Slinh Slẩy") == 0);
  CHECK(DoubtfulSyllables("Lò Văn Mẫn") == 1);
  CHECK(DoubtfulSyllables("Nông Trọng Mãn") == 1);  // "Mằn" with its breve lost
  CHECK(DoubtfulSyllables("Hoàng Văn Mão") == 0);
}

TEST_CASE("A confidently read name with a doubtful syllable asks for review", "[extract]") {
  std::vector<Line> lines = {At("DANH SÁCH", 1000, 100),
                             At("(Kèm theo Quyết định số 803/QĐ-CTN ngày 10 tháng 8 năm 1975 của Chủ tịch nước)",
                                200, 160),
                             At("Huân chương Kháng chiến hạng Nhất:", 200, 260),
                             At("1. Ông Vi Văn Săn, sinh năm 1930; quê quán: xã Lộc Yên, huyện Cao Lộc;", 200, 320),
                             At("2. Ông Vi Văn Sính, sinh năm 1931; quê quán: xã Lộc Yên, huyện Cao Lộc;", 200, 380)};
  const auto records = Extract(Page(lines));
  REQUIRE(records.size() == 2);
  CHECK(V(records[0], FieldId::kFullName) == "Vi Văn Săn");
  CHECK(records[0].review == ReviewState::kNeedsReview);
  CHECK(records[1].review == ReviewState::kAuto);
}

TEST_CASE("Post-correction reads the sl onset and a one for an i", "[extract]") {
  const sovang::ingest::NameCorrector corrector(sovang::ingest::NameCorrector::Surnames(),
                                                sovang::ingest::NameCorrector::MiddleNames(), nullptr);
  CHECK(corrector.Correct("Lăng Stao").value == "Lăng Slao");
  CHECK(corrector.Correct("Nông Siằn Huệ").value == "Nông Slằn Huệ");
  CHECK(corrector.Correct("Vi Th1 Hương").value == "Vi Thị Hương");
  CHECK(corrector.Correct("Vi Th1 Hương").repaired == 1);
  // Real syllables stay.
  CHECK(corrector.Correct("Hoàng Văn Sinh").value == "Hoàng Văn Sinh");
  CHECK(corrector.Correct("Lê Văn Tài").value == "Lê Văn Tài");
}

TEST_CASE("A date whose month word OCR damaged is still a date, read as repaired", "[extract]") {
  using namespace sovang::ingest;
  std::vector<Word> words;
  int x = 0;
  for (const char* w : {"ngày", "9", "thớng", "10", "năm", "1972", "của", "Chủ", "tịch", "nước"}) {
    words.push_back(Word{w, Box{x, 10, 60, 40}, 0.9});
    x += 80;
  }
  const TextRun run(std::move(words));
  const auto date = FindDate(run, run.all());
  REQUIRE(date);
  CHECK(date->value == "1972-10-09");
  CHECK(date->corrected);
  // Words that are no month word are no date.
  std::vector<Word> other;
  x = 0;
  for (const char* w : {"số", "9", "quyển", "10", "trang", "1972"}) {
    other.push_back(Word{w, Box{x, 10, 60, 40}, 0.9});
    x += 80;
  }
  const TextRun not_date(std::move(other));
  CHECK_FALSE(FindDate(not_date, not_date.all()));
}

TEST_CASE("A birth year that makes the recipient a small child, or a decision without its date, asks for review",
          "[extract]") {
  std::vector<Line> lines = {At("DANH SÁCH", 1000, 100),
                             At("(Kèm theo Quyết định số 803/QĐ-CTN ngày 10 tháng 8 năm 1972 của Chủ tịch nước)",
                                200, 160),
                             At("Huân chương Kháng chiến hạng Nhất:", 200, 260),
                             At("1. Ông Lê Văn Sính, sinh năm 1966; quê quán: xã Lộc Yên, huyện Cao Lộc;", 200, 320),
                             At("2. Ông Lê Văn Tài, sinh năm 1931; quê quán: xã Lộc Yên, huyện Cao Lộc;", 200, 380)};
  auto records = Extract(Page(lines));
  REQUIRE(records.size() == 2);
  CHECK(records[0].review == ReviewState::kNeedsReview);
  CHECK(records[1].review == ReviewState::kAuto);

  // The title's date unreadable: the number alone does not identify the decision.
  lines[1] = At("(Kèm theo Quyết định số 803/QĐ-CTN ngày của Chủ tịch nước)", 200, 160);
  records = Extract(Page(lines));
  REQUIRE(records.size() == 2);
  CHECK(V(records[1], FieldId::kDecisionNumber) == "803/QĐ-CTN");
  CHECK(records[1].review == ReviewState::kNeedsReview);
}

TEST_CASE("Entries under a group heading OCR damaged do not keep the previous group's award", "[extract]") {
  const std::vector<Line> lines = {
      At("DANH SÁCH", 1000, 100),
      At("(Kèm theo Quyết định số 803/QĐ-CTN ngày 10 tháng 8 năm 1975 của Chủ tịch nước)", 200, 160),
      At("Huân chương Kháng chiến hạng Nhất:", 200, 260),
      At("1. Ông Lê Văn Sính, sinh năm 1930; quê quán: xã Lộc Yên, huyện Cao Lộc;", 200, 320),
      At("Huân chương Kháng chiến hạng Nhà:", 200, 380),
      At("2. Ông Lê Văn Tài, sinh năm 1931; quê quán: xã Lộc Yên, huyện Cao Lộc;", 200, 440)};
  const auto records = Extract(Page(lines));
  REQUIRE(records.size() == 2);
  CHECK(V(records[0], FieldId::kAwardCode) == "HCKC-CP-1");
  CHECK(records[0].review == ReviewState::kAuto);
  // "Nhà": one letter off both Nhì and Nhất, the tone of Nhì; read so, doubtful.
  CHECK(V(records[1], FieldId::kAwardCode) == "HCKC-CP-2");
  CHECK(records[1][FieldId::kAward].confidence < 0.8);
  CHECK(records[1][FieldId::kAward].verbatim == "Huân chương Kháng chiến hạng Nhà");
  CHECK(records[1].review == ReviewState::kNeedsReview);
}

TEST_CASE("A decision number OCR cut in two is read whole, as repaired", "[extract]") {
  using namespace sovang::ingest;
  std::vector<Word> words;
  int x = 0;
  for (const char* w : {"Quyết", "định", "số", "151", "1/2000/QĐ-CTN", "ngày", "8", "tháng", "2", "năm", "2000"}) {
    words.push_back(Word{w, Box{x, 10, 60, 40}, 0.9});
    x += 80;
  }
  const TextRun run(std::move(words));
  const auto number = FindDecisionNumber(run, run.all());
  REQUIRE(number);
  CHECK(number->value == "1511/2000/QĐ-CTN");
  CHECK(number->corrected);
  CHECK(NormalizeDecisionNumber("803 /QĐ-CTN").value == "803/QĐ-CTN");
}

TEST_CASE("A roman heading number read as a one is still a heading", "[extract]") {
  // Tesseract read the numbers as a column of their own: "1" (the I of the
  // heading) and "1", "2" (the entries), without their dots.
  const std::vector<Line> lines = {
      At("DANH SÁCH", 1000, 100),
      At("(Kèm theo Quyết định số 803/QĐ-CTN ngày 10 tháng 8 năm 1975 của Chủ tịch nước)", 200, 160),
      At("1", 200, 260), At("1", 200, 320), At("2", 200, 380),
      At(". Huân chương Kháng chiến hạng Nhất:", 240, 260),
      At(". Ông Lê Văn Sính, sinh năm 1930; quê quán: xã Lộc Yên, huyện Cao Lộc;", 240, 320),
      At(". Ông Lê Văn Tài, sinh năm 1931; quê quán: xã Lộc Yên, huyện Cao Lộc;", 240, 380)};
  const auto records = Extract(Page(lines));
  REQUIRE(records.size() == 2);
  CHECK(V(records[0], FieldId::kFullName) == "Lê Văn Sính");
  CHECK(V(records[0], FieldId::kAwardCode) == "HCKC-CP-1");
  CHECK(V(records[1], FieldId::kFullName) == "Lê Văn Tài");
}

TEST_CASE("A rank in strokes and a surname one mark off the lexicon are doubtful", "[extract]") {
  const sovang::ingest::AwardMatcher matcher(AwardCatalog::Default());
  const auto roman = matcher.MatchText("Huy chương Kháng chiến hạng II");
  REQUIRE(roman);
  CHECK(roman->roman_rank);
  const auto word = matcher.MatchText("Huy chương Kháng chiến hạng Nhì");
  REQUIRE(word);
  CHECK_FALSE(word->roman_rank);
  using sovang::ingest::DoubtfulSyllables;
  CHECK(DoubtfulSyllables("Bể Văn Lợi") == 1);   // Bế
  CHECK(DoubtfulSyllables("Định Đức Khang") == 1);  // Đinh
  CHECK(DoubtfulSyllables("Bế Văn Lợi") == 0);
}

TEST_CASE("An entry whose list states no readable decision asks for review", "[extract]") {
  std::vector<Line> lines = {At("DANH SÁCH", 1000, 100),
                             At("(Kèm theo Quyết định số 803/QĐ-CTN ngày 10 tháng 8 năm 1975 của Chủ tịch nước)",
                                200, 160),
                             At("Huân chương Kháng chiến hạng Nhất:", 200, 260),
                             At("1. Ông Lê Văn Tài, sinh năm 1931; quê quán: xã Lộc Yên, huyện Cao Lộc;", 200, 320)};
  CHECK(Extract(Page(lines))[0].review == ReviewState::kAuto);
  lines[1] = At("(Kèm theo Quyết định của Chủ tịch nước)", 200, 160);
  const auto records = Extract(Page(lines));
  REQUIRE(records.size() == 1);
  CHECK_FALSE(records[0][FieldId::kDecisionNumber].present());
  CHECK(records[0].review == ReviewState::kNeedsReview);
}

TEST_CASE("A certificate whose TẶNG and honorific OCR damaged still names its recipient", "[extract]") {
  const std::vector<Line> lines = {At("VIỆT NAM DÂN CHỦ CỘNG HÒA", 1300, 240),
                                   At("CHỦ TỊCH NƯỚC VIỆT NAM DÂN CHỦ CỘNG HÒA", 1100, 460),
                                   At("TẶĂNG", 1650, 590),
                                   At("Huân chương Kháng chiến cho gia đình", 950, 720),
                                   At("G1a đình ông Mông Văn Nhì", 1280, 860),
                                   At("Sinh năm: 1912", 1530, 960),
                                   At("Quê quán: xã Bắc Ái, huyện Tràng Định, tỉnh Lạng Sơn", 920, 1030),
                                   At("Số quyết định: 588/QĐ-CTN", 270, 1950),
                                   At("ngày 13/11/1970", 270, 2030)};
  const RecognizedPage page = Page(lines);
  REQUIRE(sovang::ingest::ClassifyPage(page) == PageKind::kCertificate);
  const auto records = Extract(page);
  REQUIRE(records.size() == 1);
  CHECK(V(records[0], FieldId::kFullName) == "Mông Văn Nhì");
  CHECK(V(records[0], FieldId::kGender) == "nam");
  CHECK(V(records[0], FieldId::kAwardCode) == "HCKC-GD");
  CHECK(V(records[0], FieldId::kBirthYear) == "1912");
}

TEST_CASE("An award name with ones read for i still matches", "[extract]") {
  const sovang::ingest::AwardMatcher matcher(AwardCatalog::Default());
  const auto m = matcher.MatchText("Huân chương G1ả1 phóng hạng Nhì");
  REQUIRE(m);
  CHECK(m->form->code == "HCGP-2");
  CHECK(m->score < 1.0);
}

// A line of parts, each at its own x.
Line Parts(const std::vector<std::pair<std::string, int>>& parts, int y) {
  Line line;
  for (const auto& [text, x] : parts) {
    const Line part = At(text, x, y);
    line.words.insert(line.words.end(), part.words.begin(), part.words.end());
    line.box = sovang::Union(line.box, part.box);
  }
  return line;
}

TEST_CASE("A ledger row whose year cell gave nothing asks for review", "[extract]") {
  const std::vector<Line> lines = {
      At("SỔ VÀNG KHEN THƯỞNG", 900, 100),
      At("Theo Quyết định số 455/QĐ-CTN ngày 24 tháng 9 năm 1958 của Chủ tịch nước", 300, 160),
      Parts({{"STT", 100}, {"Họ và tên", 300}, {"Năm sinh", 800}, {"Hình thức khen thưởng", 1100}}, 260),
      Parts({{"1", 100}, {"Nông Văn Pác", 300}, {"1931", 800}, {"HCKC hạng Ba", 1100}}, 320),
      Parts({{"2", 100}, {"Lăng Thị Nhàn", 300}, {"HCKC hạng Ba", 1100}}, 380)};
  const auto records = Extract(Page(lines));
  REQUIRE(records.size() == 2);
  CHECK(V(records[0], FieldId::kFullName) == "Nông Văn Pác");
  CHECK(V(records[0], FieldId::kBirthYear) == "1931");
  CHECK(records[0].review == ReviewState::kAuto);
  CHECK(V(records[1], FieldId::kFullName) == "Lăng Thị Nhàn");
  CHECK_FALSE(records[1][FieldId::kBirthYear].present());
  CHECK(records[1].review == ReviewState::kNeedsReview);
}

TEST_CASE("An entry that says sinh năm but whose year was not read asks for review", "[extract]") {
  const std::vector<Line> lines = {
      At("DANH SÁCH", 1000, 100),
      At("(Kèm theo Quyết định số 803/QĐ-CTN ngày 10 tháng 8 năm 1975 của Chủ tịch nước)", 200, 160),
      At("Huân chương Kháng chiến hạng Nhất:", 200, 260),
      At("1. Ông Lê Văn Sính, sinh năm ~~~; quê quán: xã Lộc Yên, huyện Cao Lộc;", 200, 320),
      At("2. Ông Lê Văn Tài, sinh năm 1931; quê quán: xã Lộc Yên, huyện Cao Lộc;", 200, 380)};
  const auto records = Extract(Page(lines));
  REQUIRE(records.size() == 2);
  CHECK_FALSE(records[0][FieldId::kBirthYear].present());
  CHECK(records[0].review == ReviewState::kNeedsReview);
  CHECK(records[1].review == ReviewState::kAuto);
}

TEST_CASE("An entry whose number was read as specks still starts an entry", "[extract]") {
  const std::vector<Line> lines = {
      At("DANH SÁCH", 1000, 100),
      At("(Kèm theo Quyết định số 803/QĐ-CTN ngày 10 tháng 8 năm 1975 của Chủ tịch nước)", 200, 160),
      At("Huân chương Kháng chiến hạng Nhất:", 200, 260),
      At("1. Ông Lê Văn Sính - Sinh năm: 1930 - Quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh", 200, 320),
      At("Lạng Sơn", 260, 380),
      At("O1 C1 + 2 . Bà Hà Thị Nga - Sinh năm: 1921 - Quê quán: xã Lộc Yên, huyện Cao Lộc", 200, 440)};
  const auto records = Extract(Page(lines));
  REQUIRE(records.size() == 2);
  CHECK(V(records[0], FieldId::kProvince) == "Lạng Sơn");
  CHECK(V(records[1], FieldId::kFullName) == "Hà Thị Nga");
  CHECK(V(records[1], FieldId::kGender) == "nữ");
}

TEST_CASE("A birth year after the award's war asks for review", "[extract]") {
  const std::vector<Line> lines = {
      At("DANH SÁCH", 1000, 100),
      At("(Kèm theo Quyết định số 803/QĐ-CTN ngày 10 tháng 8 năm 1985 của Chủ tịch nước)", 200, 160),
      At("Huân chương Kháng chiến hạng Nhất:", 200, 260),
      At("1. Ông Lê Văn Sính, sinh năm 1963; quê quán: xã Lộc Yên, huyện Cao Lộc;", 200, 320),
      At("2. Ông Lê Văn Tài, sinh năm 1931; quê quán: xã Lộc Yên, huyện Cao Lộc;", 200, 380)};
  const auto records = Extract(Page(lines));
  REQUIRE(records.size() == 2);
  CHECK(V(records[0], FieldId::kAwardCode) == "HCKC-CP-1");
  CHECK(records[0].review == ReviewState::kNeedsReview);
  CHECK(records[1].review == ReviewState::kAuto);
}

TEST_CASE("Ledger titles one letter off a short column name are not that column", "[extract]") {
  using sovang::ingest::LedgerColumn;
  using sovang::ingest::MatchHeader;
  CHECK(MatchHeader("sinh").column == LedgerColumn::kUnknown);
  CHECK(MatchHeader("Hình").column == LedgerColumn::kUnknown);
  CHECK(MatchHeader("Tỉnh").column == LedgerColumn::kProvince);
  CHECK(MatchHeader("Năm sinh").column == LedgerColumn::kBirthYear);
}

TEST_CASE("A date with a fraction slash for a slash is a date", "[extract]") {
  using namespace sovang::ingest;
  std::vector<Word> words = {Word{"ngày", Box{0, 10, 80, 40}, 0.95}, Word{"7⁄2/1993", Box{100, 10, 160, 40}, 0.95}};
  const TextRun run(std::move(words));
  const auto date = FindDate(run, run.all());
  REQUIRE(date);
  CHECK(date->value == "1993-02-07");
  CHECK_FALSE(date->corrected);
}

TEST_CASE("A hometown whose keyword lost its first word on a stained page is still read", "[extract]") {
  std::vector<Line> lines = {At("DANH SÁCH", 1000, 100),
                             At("(Kèm theo Quyết định số 803/QĐ-CTN ngày 10 tháng 8 năm 1975 của Chủ tịch nước)",
                                200, 160),
                             At("Huân chương Kháng chiến hạng Nhất:", 200, 260),
                             At("1. Bà Nguyễn Thị Hồng - Sinh năm: 1952- - quán: xã Lộc Yên, huyện Cao Lộc;", 200, 320),
                             At("2. Ông Vi Văn Quán - Sinh năm: 1931 - Quê quán: xã Lộc Yên, huyện Cao Lộc;", 200, 380)};
  const auto records = Extract(Page(lines));
  REQUIRE(records.size() == 2);
  CHECK(V(records[0], FieldId::kCommune) == "Lộc Yên");
  CHECK(V(records[0], FieldId::kDistrict) == "Cao Lộc");
  CHECK(V(records[1], FieldId::kFullName) == "Vi Văn Quán");
  CHECK(V(records[1], FieldId::kCommune) == "Lộc Yên");
}

TEST_CASE("A roman rank whose serif I was read as a T is that rank, doubted", "[extract]") {
  const sovang::ingest::AwardMatcher matcher(AwardCatalog::Default());
  for (const char* text : {"HCKC chống Mỹ hạng TH", "HCKC chống Mỹ, cứu nước hạng TII", "HCKC chống Mỹ hạng TIT"}) {
    const auto m = matcher.MatchText(text);
    REQUIRE(m);
    CHECK(m->form->code == "HCKC-CM-3");
    CHECK(m->roman_rank);
  }
  const auto two = matcher.MatchText("Huy chương Kháng chiến hạng TI");
  REQUIRE(two);
  CHECK(two->form->code == "HUYCKC-CP-2");
  // A word with other letters is no rank in strokes.
  const auto word = matcher.MatchText("Huy chương Kháng chiến hạng Thư");
  CHECK_FALSE((word && word->form->code == "HUYCKC-CP-3"));
}
