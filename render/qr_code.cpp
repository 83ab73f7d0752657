#include "render/qr_code.h"

#include <qrencode.h>

#include <memory>
#include <string>

#include "core/error.h"

namespace sovang::render {

namespace {

struct QrDeleter {
  void operator()(QRcode* code) const noexcept { QRcode_free(code); }
};
using QrPtr = std::unique_ptr<QRcode, QrDeleter>;

}  // namespace

QrMatrix EncodeQr(std::string_view text) {
  const std::string data(text);
  // Version 0: the smallest that holds the data; case-sensitive 8-bit mode.
  QrPtr code(QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M));
  if (!code) throw Error(Errc::kInvalidArgument, "QR code: cannot encode " + std::to_string(data.size()) + " bytes");
  QrMatrix matrix;
  matrix.size = code->width;
  matrix.dark.resize(static_cast<std::size_t>(code->width) * code->width);
  for (std::size_t i = 0; i < matrix.dark.size(); ++i) matrix.dark[i] = (code->data[i] & 1) != 0;
  return matrix;
}

}  // namespace sovang::render
