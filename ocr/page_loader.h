#pragma once
// Loading single pages of a file (LoadPages, in ocr/recognizer.h, loads them
// all). Use it to process a long PDF or TIFF one page at a time.

#include <filesystem>

#include "ocr/recognizer.h"

namespace sovang::ocr {

// Decodes page `page` (1-based, like SourceRef::page) of a file. Throws
// Error(kCorruptInput) for unreadable files and Error(kInvalidArgument) when
// the file has no such page.
LoadedPage LoadPage(const std::filesystem::path& file, int page);

}  // namespace sovang::ocr
