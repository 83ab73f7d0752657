#include "test_support.h"

#include "core/server_activity.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace sovang::test {

TempDir::TempDir() {
  std::string templ = (std::filesystem::temp_directory_path() / "sovang-test-XXXXXX").string();
  path_ = ::mkdtemp(templ.data());
}

TempDir::~TempDir() {
  // A server started on the dir (or its archive/) made its activity's shared memory.
  ServerActivity::Remove(ArchiveLayout(path_));
  ServerActivity::Remove(ArchiveLayout(path_ / "archive"));
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void WriteFile(const std::filesystem::path& file, const std::string& bytes) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << bytes;
}

namespace {

std::uint32_t Crc(const std::string& data) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

std::uint32_t Adler(const std::string& data) {
  std::uint32_t a = 1, b = 0;
  for (unsigned char c : data) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

std::string Be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string Chunk(const std::string& type, const std::string& data) {
  return Be32(static_cast<std::uint32_t>(data.size())) + type + data + Be32(Crc(type + data));
}

}  // namespace

std::string TinyPngBytes(int variant) {
  constexpr int kSide = 8;
  std::string raw;  // filter byte 0 + pixels, per row
  for (int y = 0; y < kSide; ++y) {
    raw.push_back('\0');
    for (int x = 0; x < kSide; ++x) raw.push_back(static_cast<char>((x * 31 + y * 17 + variant * 53) & 0xFF));
  }
  // zlib stream with one stored (uncompressed) block.
  std::string z = "\x78\x01";
  z.push_back('\x01');
  const auto len = static_cast<std::uint16_t>(raw.size());
  z.push_back(static_cast<char>(len & 0xFF));
  z.push_back(static_cast<char>(len >> 8));
  z.push_back(static_cast<char>(~len & 0xFF));
  z.push_back(static_cast<char>((~len >> 8) & 0xFF));
  z += raw + Be32(Adler(raw));
  const std::string ihdr = Be32(kSide) + Be32(kSide) + std::string("\x08\x00\x00\x00\x00", 5);
  return std::string("\x89PNG\r\n\x1a\n", 8) + Chunk("IHDR", ihdr) + Chunk("IDAT", z) + Chunk("IEND", "");
}

void WriteTinyPng(const std::filesystem::path& file, int variant) { WriteFile(file, TinyPngBytes(variant)); }

ocr::RecognizedPage PageFromText(const std::string& text, int width, int height) {
  ocr::RecognizedPage page;
  page.width = width;
  page.height = height;
  std::istringstream lines(text);
  std::string line;
  int y = 100;
  while (std::getline(lines, line)) {
    ocr::Line l;
    std::istringstream words(line);
    std::string word;
    int x = 100;
    while (words >> word) {
      const int w = 30 * static_cast<int>(word.size());
      l.words.push_back({word, Box{x, y, w, 50}, 0.95});
      l.box = Union(l.box, Box{x, y, w, 50});
      x += w + 25;
    }
    if (!l.words.empty()) page.lines.push_back(std::move(l));
    y += 80;
  }
  page.mean_confidence = 0.95;
  return page;
}

Record MakeRecord(const std::string& id, const std::string& full_name) {
  Record r;
  r.id = id;
  r.kind = PageKind::kAnnex;
  r[FieldId::kFullName] = Field{full_name, full_name, 0.97, Box{10, 20, 300, 40}};
  r[FieldId::kBirthYear] = Field{"1932", "1932", 0.99, {}};
  r[FieldId::kAward] = Field{"Huân chương Kháng chiến hạng Nhất", "Huân chương Kháng chiến hạng Nhất", 0.9, {}};
  r.source.file = "p001.png";
  r.source.sha256 = "";  // typed in: no source file in the archive
  r.source.page = 1;
  UpdateRecordConfidence(r);
  return r;
}

ocr::Line LineAt(const std::string& text, int x, int y, double confidence) {
  ocr::Line line;
  int at = x;
  for (std::size_t pos = 0; pos < text.size();) {
    while (pos < text.size() && text[pos] == ' ') {
      ++pos;
      at += 20;
    }
    std::size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    if (end > pos) {
      ocr::Word w{text.substr(pos, end - pos), Box{at, y, static_cast<int>(end - pos) * 20, 40}, confidence};
      line.box = Union(line.box, w.box);
      line.words.push_back(std::move(w));
      at += static_cast<int>(end - pos) * 20;
    }
    pos = end;
  }
  return line;
}

}  // namespace sovang::test
