#pragma once
// The part of a stored page image a record was read from, as PNG: the
// evidence next to a record (GET /api/records/{id}/crop). Lives in ingest so
// the server never touches the image library itself.

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/archive_layout.h"
#include "core/record.h"

namespace sovang::ingest {

// Crops a PNG file to `box`, clamped to the image. Throws Error(kNotFound) when
// the file is missing, Error(kCorruptInput) when it cannot be decoded.
std::string CropPng(const std::filesystem::path& png_file, const Box& box);

// The same for a page of the archive, found by its store id.
std::string CropPage(const ArchiveLayout& layout, std::int64_t page_id, const Box& box);

}  // namespace sovang::ingest
