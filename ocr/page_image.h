#pragma once
// A decoded page image. Owns its pixels (a Leptonica Pix inside); cheap to move.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/record.h"

namespace sovang::ocr {


class PageImage {
 public:
  PageImage();
  PageImage(PageImage&&) noexcept;
  PageImage& operator=(PageImage&&) noexcept;
  ~PageImage();

  // Decodes an encoded image in memory (PNG, JPEG, TIFF, ...).
  // Throws Error(kCorruptInput) when it cannot.
  static PageImage Decode(const std::string& bytes);

  bool valid() const;
  int width() const;
  int height() const;
  int dpi() const;  // 0 when the file did not say

  std::string EncodePng() const;
  PageImage Crop(const Box& box) const;  // clipped to the page
  PageImage Clone() const;

  struct Impl;
  Impl* impl() const { return impl_.get(); }
  explicit PageImage(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};


// How many pages a file holds (images: 1, multi-page TIFF: n, PDF: n).
// Throws Error(kCorruptInput) with a clear reason for unreadable files.
int CountPages(const std::filesystem::path& file);

}  // namespace sovang::ocr
