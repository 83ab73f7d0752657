// Decoding and loading pages: formats, depths, page counts, PDFs, bad files.

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "core/error.h"
#include "ocr/page_image.h"
#include "ocr/page_loader.h"
#include "ocr/recognizer.h"

namespace fs = std::filesystem;
using sovang::Errc;
using sovang::Error;
using namespace sovang::ocr;

namespace {

fs::path Fixture(const std::string& name) {
  return fs::path(SOVANG_SOURCE_DIR) / "tests/ocr/fixtures" / name;
}

std::string ReadBytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A fresh directory under the system temp dir, removed at the end.
struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("sovang-ocr-" + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path Write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path / name, std::ios::binary) << bytes;
    return path / name;
  }
};

// Runs fn, expects Error(kCorruptInput) whose message names the file.
template <typename Fn>
void RequireCorrupt(const fs::path& file, Fn&& fn, const std::string& reason_part) {
  try {
    fn();
    FAIL("no error for " << file);
  } catch (const Error& e) {
    INFO(e.what());
    CHECK(e.code() == Errc::kCorruptInput);
    CHECK(std::string(e.what()).find(file.string()) != std::string::npos);
    CHECK(std::string(e.what()).find(reason_part) != std::string::npos);
  }
}

std::string BigEndian32(std::uint32_t v) {
  return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
}

std::uint32_t Crc32(const std::string& bytes) {
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char b : bytes) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// A valid PNG signature and IHDR for a w x h 8-bit grey image, then IEND: no pixels.
std::string PngHeaderOnly(std::uint32_t w, std::uint32_t h) {
  const std::string ihdr = "IHDR" + BigEndian32(w) + BigEndian32(h) + std::string("\x08\x00\x00\x00\x00", 5);
  return std::string("\x89PNG\r\n\x1a\n", 8) + BigEndian32(13) + ihdr + BigEndian32(Crc32(ihdr)) +
         BigEndian32(0) + "IEND" + BigEndian32(Crc32("IEND"));
}

}  // namespace

TEST_CASE("Images of every depth and format decode with their size and dpi", "[ocr]") {
  const struct {
    const char* file;
    int dpi;
  } cases[] = {
      {"depth1.png", 300},   {"depth8.png", 300},   {"depth16.png", 0},
      {"palette.png", 300},  {"rgba.png", 300},     {"colour.jpg", 300},
      {"depth1_g4.tif", 300}, {"depth16.tif", 300},
  };
  for (const auto& c : cases) {
    INFO(c.file);
    const PageImage image = PageImage::Decode(ReadBytes(Fixture(c.file)));
    REQUIRE(image.valid());
    CHECK(image.width() == 400);
    CHECK(image.height() == 80);
    CHECK(image.dpi() == c.dpi);
    CHECK(CountPages(Fixture(c.file)) == 1);
    const std::vector<LoadedPage> pages = LoadPages(Fixture(c.file));
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].image.width() == 400);
    CHECK_FALSE(pages[0].text_layer.has_value());
  }
}

TEST_CASE("A page survives a PNG round trip, and crops are clipped to the page", "[ocr]") {
  const PageImage image = PageImage::Decode(ReadBytes(Fixture("depth8.png")));
  const PageImage again = PageImage::Decode(image.EncodePng());
  CHECK(again.width() == 400);
  CHECK(again.height() == 80);
  CHECK(again.dpi() == 300);
  // Lossless: the same pixels encode to the same bytes (8-bit grey is written
  // by our own libpng writer, other depths by Leptonica's).
  CHECK(again.EncodePng() == image.EncodePng());
  for (const char* other : {"depth1.png", "colour.jpg"}) {
    INFO(other);
    const PageImage page = PageImage::Decode(ReadBytes(Fixture(other)));
    const PageImage back = PageImage::Decode(page.EncodePng());
    CHECK(back.width() == page.width());
    CHECK(back.EncodePng() == page.EncodePng());
  }

  const PageImage crop = image.Crop(sovang::Box{350, 40, 100, 100});
  CHECK(crop.width() == 50);
  CHECK(crop.height() == 40);
  CHECK_FALSE(image.Crop(sovang::Box{500, 0, 10, 10}).valid());
  CHECK(image.Clone().width() == 400);
  CHECK_FALSE(PageImage().valid());
}

TEST_CASE("A multi-page TIFF gives one page each", "[ocr]") {
  const fs::path file = Fixture("three_pages.tif");
  CHECK(CountPages(file) == 3);
  const std::vector<LoadedPage> pages = LoadPages(file);
  REQUIRE(pages.size() == 3);
  CHECK(pages[0].image.width() == 300);
  CHECK(pages[1].image.width() == 340);
  CHECK(pages[2].image.width() == 380);
  CHECK(LoadPage(file, 2).image.width() == 340);
  CHECK_THROWS_AS(LoadPage(file, 4), Error);
}

TEST_CASE("A scanned PDF is rasterised at 300 dpi and has no text layer", "[ocr]") {
  const fs::path file = Fixture("scan_two_pages.pdf");
  CHECK(CountPages(file) == 2);
  const std::vector<LoadedPage> pages = LoadPages(file);
  REQUIRE(pages.size() == 2);
  // 600 x 200 px at 150 dpi = 4 x 1.33 in = 1200 x 400 px at 300 dpi.
  CHECK(pages[0].image.width() == 1200);
  CHECK(pages[0].image.height() == 400);
  CHECK(pages[0].image.dpi() == 300);
  CHECK_FALSE(pages[0].text_layer.has_value());
}

TEST_CASE("A PDF with a text layer gives its words with boxes at 300 dpi", "[ocr]") {
  const std::vector<LoadedPage> pages = LoadPages(Fixture("text_layer.pdf"));
  REQUIRE(pages.size() == 1);
  // 400 x 120 pt at 300 dpi.
  CHECK(pages[0].image.width() == 1667);
  CHECK(pages[0].image.height() == 500);
  REQUIRE(pages[0].text_layer.has_value());
  const RecognizedPage& layer = *pages[0].text_layer;
  CHECK(layer.from_text_layer);
  REQUIRE(layer.lines.size() == 1);
  CHECK(layer.lines[0].Text() == "Nguyen Van Thach 1932");
  REQUIRE(layer.lines[0].words.size() == 4);
  // The text starts 36 pt from the left (150 px) and its baseline is 60 pt up
  // from the bottom (250 px down from the top at 300 dpi).
  const sovang::Box first = layer.lines[0].words[0].box;
  CHECK(first.x == Approx(150).margin(6));
  CHECK(first.y + first.h == Approx(250).margin(25));
  CHECK(first.h == Approx(100).margin(30));  // 24 pt type
}

TEST_CASE("Unreadable files are refused as corrupt input naming the file", "[ocr]") {
  TempDir dir;
  const std::string png = ReadBytes(Fixture("depth8.png"));
  const std::string jpeg = ReadBytes(Fixture("colour.jpg"));
  const std::string tiff = ReadBytes(Fixture("depth1_g4.tif"));
  const struct {
    const char* name;
    std::string bytes;
    const char* reason;
  } cases[] = {
      {"empty.png", "", "empty file"},
      {"notes.png", "Danh sách khen thưởng, không phải ảnh.\n", "not an image"},
      {"short.jpg", "\xff\xd8\xff", "too short"},
      {"truncated.png", png.substr(0, png.size() / 2), "truncated or damaged"},
      {"truncated.jpg", jpeg.substr(0, jpeg.size() / 2), "truncated or damaged"},
      {"truncated.tif", tiff.substr(0, 40), "TIFF"},
      // Headers claiming sizes past 20000 px a side, with no pixels behind them.
      {"wide.png", PngHeaderOnly(30000, 100), "too large"},
      {"huge.png", PngHeaderOnly(25000, 25000), "too large"},
      {"broken.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", "PDF"},
      {"page.ps", "%!PS-Adobe-3.0\n%%Pages: 1\nshowpage\n", "PostScript"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const fs::path file = dir.Write(c.name, c.bytes);
    RequireCorrupt(file, [&] { LoadPages(file); }, c.reason);
    RequireCorrupt(file, [&] { (void)CountPages(file); }, "");
  }
}

TEST_CASE("Decoding bytes in memory refuses what is not an image", "[ocr]") {
  CHECK_THROWS_AS(PageImage::Decode(""), Error);
  try {
    PageImage::Decode("this is certainly not an image file");
    FAIL("decoded text");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::kCorruptInput);
  }
}

TEST_CASE("A missing file is an I/O error, not corrupt input", "[ocr]") {
  try {
    LoadPages("/nonexistent/sovang/page.tif");
    FAIL("loaded a missing file");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::kIo);
    CHECK(std::string(e.what()).find("/nonexistent/sovang/page.tif") != std::string::npos);
  }
}

TEST_CASE("An 8-bit grey PNG is archived as the file's own bytes, other pages are encoded", "[ocr]") {
  const std::string original = ReadBytes(Fixture("depth8.png"));
  const LoadedPage loaded = LoadPage(Fixture("depth8.png"), 1);
  const std::string archived = loaded.image.GreyForArchive().EncodePng();
  CHECK(archived == original);
  // The same pixels as the page read: encoded afresh, both give one PNG.
  CHECK(PageImage::Decode(archived).EncodePng() == loaded.image.Clone().EncodePng());
  CHECK(LoadPages(Fixture("depth8.png"))[0].image.EncodePng() == original);

  for (const char* other : {"palette.png", "depth16.png", "rgba.png", "depth1.png", "colour.jpg"}) {
    INFO(other);
    const LoadedPage page = LoadPage(Fixture(other), 1);
    const PageImage grey = page.image.GreyForArchive();
    const std::string png = grey.EncodePng();
    CHECK(PageImage::Decode(png).EncodePng() == grey.Clone().EncodePng());
  }
}

TEST_CASE("A page from a single PNG or JPEG says its file shows it; pages of TIFFs and PDFs do not", "[ocr]") {
  struct Case {
    const char* file;
    const char* format;
  };
  const Case cases[] = {{"depth8.png", "png"},       {"palette.png", "png"}, {"rgba.png", "png"},
                        {"colour.jpg", "jpeg"},      {"aged_skewed.jpg", "jpeg"},
                        {"depth1_g4.tif", ""},       {"three_pages.tif", ""}, {"scan_two_pages.pdf", ""}};
  for (const Case& c : cases) {
    INFO(c.file);
    const LoadedPage one = LoadPage(Fixture(c.file), 1);
    CHECK(one.image.WholeFileFormat() == c.format);
    CHECK(LoadPages(Fixture(c.file))[0].image.WholeFileFormat() == c.format);
    // Turned grey for the archive (a colour JPEG), the page still comes from that file.
    CHECK(one.image.GreyForArchive().WholeFileFormat() == c.format);
    // A crop or a copy is no longer the file.
    CHECK(one.image.Crop(sovang::Box{0, 0, 4, 4}).WholeFileFormat().empty());
    CHECK(one.image.Clone().WholeFileFormat().empty());
  }
  CHECK(PageImage().WholeFileFormat().empty());
}
