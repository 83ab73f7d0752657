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

  // PNG with fast zlib settings: pages are archived once and read rarely, and
  // default compression cost a quarter of an ingest worker's CPU (bench/ocr).
  std::string EncodePng() const;
  // The page as 8-bit grey when it is colour or deeper than 8 bits (what OCR
  // reads and what a reader needs beside the kept master); 1- and 8-bit pages
  // as they are. A colour A4 scan shrinks from ~35 MB to ~9 MB in memory.
  PageImage GreyForArchive() const;
  // "png" or "jpeg" when the page was decoded from a file holding just this
  // one page in that format (LoadPage, LoadPages): the file itself shows the
  // page (in colour, if it was), so an archive that keeps the file needs no
  // PNG of the page beside it. Empty for pages of TIFFs and PDFs, for other
  // formats and for crops and clones. GreyForArchive keeps it.
  const std::string& WholeFileFormat() const;
  PageImage Crop(const Box& box) const;  // clipped to the page
  PageImage Clone() const;

  struct Impl;
  Impl* impl() const { return impl_.get(); }
  explicit PageImage(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};


// How many pages a file holds (images: 1, multi-page TIFF: n, PDF: n), without
// decoding pixels: damage inside the pixel data shows when the page is loaded.
// Throws Error(kCorruptInput) with a clear reason for unreadable files.
int CountPages(const std::filesystem::path& file);

}  // namespace sovang::ocr
