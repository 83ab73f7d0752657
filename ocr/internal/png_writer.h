#pragma once
// Internal to sovang::ocr: fast PNG for archived 8-bit grey pages.

#include <optional>
#include <string>

#include "ocr/internal/pix.h"

namespace sovang::ocr {

// An 8-bit grey Pix without colour map as PNG (resolution kept); nullopt for
// any other kind of image or when libpng fails (the caller falls back to
// Leptonica's writer).
std::optional<std::string> EncodeGreyPng(Pix* pix);

}  // namespace sovang::ocr
