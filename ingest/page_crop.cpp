#include "ingest/page_crop.h"

#include "core/error.h"
#include "ocr/page_image.h"
#include "store/database.h"
#include "store/sources.h"

namespace sovang::ingest {

std::string CropPng(const std::filesystem::path& png_file, const Box& box) {
  return ocr::PageImage::Decode(ReadFile(png_file)).Crop(box).EncodePng();
}

std::string CropPage(const ArchiveLayout& layout, std::int64_t page_id, const Box& box) {
  store::Database db = store::Database::Open(layout.db(), {.read_only = true});
  const auto page = store::Sources(db).GetPage(page_id);
  if (!page || page->image_path.empty()) throw Error(Errc::kNotFound, "không có ảnh trang " + std::to_string(page_id));
  return CropPng(layout.root / page->image_path, box);
}

}  // namespace sovang::ingest
