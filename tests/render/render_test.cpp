#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>

#include "render/documents.h"
#include "render/qr_code.h"

namespace fs = std::filesystem;
using namespace sovang::render;

namespace {

// A temp directory removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("sovang-render-" + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string Run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  REQUIRE(pipe);
  std::string out;
  char buffer[4096];
  while (const size_t n = fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
  return out;
}

fs::path Write(const fs::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
  return file;
}

// pdftotext's text layer, white space collapsed to single spaces.
std::string PdfText(const fs::path& pdf) {
  const std::string raw = Run("pdftotext -layout '" + pdf.string() + "' - 2>/dev/null");
  std::string out;
  for (const char c : raw) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

// Rasterises the page and returns what zbarimg reads from its QR code.
std::string DecodeQr(const fs::path& pdf) {
  const fs::path png_base = pdf.parent_path() / "page";
  Run("pdftoppm -r 150 -png -singlefile '" + pdf.string() + "' '" + png_base.string() + "'");
  std::string out = Run("zbarimg --quiet --raw '" + png_base.string() + ".png' 2>/dev/null");
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

CertificateDocument Sample() {
  CertificateDocument d;
  d.authority = "Chủ tịch nước";
  d.award = "Huân chương Kháng chiến hạng Nhất";
  d.recipient = "Nguyễn Văn Thạch";
  d.gender = "nam";
  d.decision_number = "543/QĐ-CTN";
  d.decision_date = "1975-08-10";
  d.book_number = "73372";
  d.code = "7KQ2-M9XD-4TPW-C8R3-H";
  d.verify_url = "https://sovang.example.vn/verify/7KQ2-M9XD-4TPW-C8R3-H";
  d.kind = "reissue";
  d.reissue_kind = "cap_lai";
  d.issued_date = "2025-03-01";
  d.issued_place = "Lạng Sơn";
  return d;
}

}  // namespace

TEST_CASE("Dates print the Vietnamese administrative way", "[render]") {
  const struct {
    std::string in, out;
  } cases[] = {
      {"1975-08-10", "ngày 10 tháng 8 năm 1975"},
      {"2025-03-01", "ngày 01 tháng 3 năm 2025"},
      {"1954-02-05", "ngày 05 tháng 02 năm 1954"},
      {"1986-12-31", "ngày 31 tháng 12 năm 1986"},
      {"10/8/1975", "10/8/1975"},  // not ISO: as given
      {"", ""},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(VietnameseDate(c.in) == c.out);
  }
}

TEST_CASE("A QR matrix is square with finder patterns in three corners", "[render]") {
  const QrMatrix qr = EncodeQr("https://sovang.example.vn/verify/7KQ2-M9XD-4TPW-C8R3-H");
  REQUIRE(qr.size >= 21);
  CHECK((qr.size - 17) % 4 == 0);
  CHECK(qr.dark.size() == static_cast<size_t>(qr.size * qr.size));
  for (const auto& [x, y] : {std::pair{0, 0}, {qr.size - 7, 0}, {0, qr.size - 7}}) {
    CHECK(qr.at(x, y));
    CHECK(qr.at(x + 6, y + 6));
    CHECK_FALSE(qr.at(x + 1, y + 1));
    CHECK(qr.at(x + 3, y + 3));
  }
}

TEST_CASE("A certificate PDF carries the name with its diacritics and a QR code of the verify URL", "[render]") {
  TempDir dir;
  const CertificateDocument d = Sample();
  const std::string pdf = RenderCertificatePdf(d);
  REQUIRE(pdf.rfind("%PDF-", 0) == 0);
  const fs::path file = Write(dir.path / "cert.pdf", pdf);

  const std::string text = PdfText(file);
  INFO(text);
  CHECK(text.find("Nguyễn Văn Thạch") != std::string::npos);
  CHECK(text.find("HUÂN CHƯƠNG KHÁNG CHIẾN HẠNG NHẤT") != std::string::npos);
  CHECK(text.find("543/QĐ-CTN") != std::string::npos);
  CHECK(text.find("ngày 10 tháng 8 năm 1975") != std::string::npos);
  CHECK(text.find("7KQ2-M9XD-4TPW-C8R3-H") != std::string::npos);
  CHECK(text.find("Cấp lại") != std::string::npos);

  CHECK(DecodeQr(file) == d.verify_url);
}

TEST_CASE("Names of the north-eastern minorities and decomposed input come out composed", "[render]") {
  TempDir dir;
  CertificateDocument d = Sample();
  d.recipient = "Sầm Thi\u0323 Slu\u031bo\u031b\u0300ng";  // decomposed "Sầm Thị Slường"
  d.gender = "nữ";
  d.kind = "original";
  const fs::path file = Write(dir.path / "cert.pdf", RenderCertificatePdf(d));
  const std::string text = PdfText(file);
  INFO(text);
  CHECK(text.find("Bà Sầm Thị Slường") != std::string::npos);
  CHECK(text.find("Cấp lại") == std::string::npos);
}

TEST_CASE("A confirmation letter lists the award from the archive", "[render]") {
  TempDir dir;
  ConfirmationDocument d;
  d.issuing_office = "Ban Thi đua - Khen thưởng tỉnh Lạng Sơn";
  d.place = "Lạng Sơn";
  d.issued_date = "2025-03-01";
  d.recipient = "Hoàng Thị Ánh";
  d.gender = "nữ";
  d.birth_year = "1932";
  d.hometown = "Lộc Yên, Cao Lộc, Lạng Sơn";
  d.award = "Huy chương Kháng chiến hạng Nhì";
  d.authority = "Chủ tịch nước";
  d.decision_number = "803/QĐ-CTN";
  d.decision_date = "1986-12-31";
  d.book_number = "12045";
  d.archive_reference = "p004_ledger.tif, trang 1";
  d.record_id = "r-0001";
  d.verify_url = "https://sovang.example.vn/verify/0000-0000-0000-0000-0";
  const fs::path file = Write(dir.path / "letter.pdf", RenderConfirmationPdf(d));
  const std::string text = PdfText(file);
  INFO(text);
  CHECK(text.find("GIẤY CHỨNG NHẬN") != std::string::npos);
  CHECK(text.find("ĐÃ ĐƯỢC KHEN THƯỞNG") != std::string::npos);
  CHECK(text.find("Hoàng Thị Ánh") != std::string::npos);
  CHECK(text.find("Lộc Yên, Cao Lộc, Lạng Sơn") != std::string::npos);
  CHECK(text.find("Huy chương Kháng chiến hạng Nhì") != std::string::npos);
  CHECK(text.find("ngày 31 tháng 12 năm 1986") != std::string::npos);
  CHECK(DecodeQr(file) == d.verify_url);
}
