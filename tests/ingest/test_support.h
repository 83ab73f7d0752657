#pragma once
// Small helpers shared by the ingest tests: temp dirs, tiny images, canned pages.

#include <filesystem>
#include <string>

#include "core/record.h"
#include "ocr/recognizer.h"

namespace sovang::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void WriteFile(const std::filesystem::path& file, const std::string& bytes);
// A valid 8×8 grey PNG; `variant` changes its pixels (and so its hash).
std::string TinyPngBytes(int variant);
void WriteTinyPng(const std::filesystem::path& file, int variant);

// A page whose lines are the lines of `text`, words with made-up boxes and
// confidence 0.95.
ocr::RecognizedPage PageFromText(const std::string& text, int width = 2480, int height = 3508);

// One line of words at (x, y): each character 20 px wide, words 40 px high;
// every space (leading ones too) 20 px.
ocr::Line LineAt(const std::string& text, int x, int y, double confidence = 0.95);

Record MakeRecord(const std::string& id, const std::string& full_name);

}  // namespace sovang::test
