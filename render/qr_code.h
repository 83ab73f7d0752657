#pragma once
// QR codes (libqrencode): the module matrix of a text, to be drawn by any
// surface. Error correction level M (15%), so a worn print still scans.

#include <string_view>
#include <vector>

namespace sovang::render {

struct QrMatrix {
  int size = 0;            // modules per side (without the quiet zone)
  std::vector<bool> dark;  // size * size, row by row
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x]; }
};

// Encodes `text` as 8-bit data. Throws Error(kInvalidArgument) when it does
// not fit in a QR code (more than ~2 KB).
QrMatrix EncodeQr(std::string_view text);

}  // namespace sovang::render
