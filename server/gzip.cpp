#include "server/gzip.h"

#include <zlib.h>

#include <cstdlib>

#include "core/error.h"
#include "server/http.h"

namespace sovang::server {

namespace {

// windowBits 15 + 16: zlib writes and reads the gzip wrapper.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kMemLevel = 8;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// A coding of Accept-Encoding ("gzip;q=0.5") allowed unless its q is zero.
bool Allowed(std::string_view params) {
  const std::size_t q = params.find("q=");
  if (q == std::string_view::npos) return true;
  return std::strtod(std::string(params.substr(q + 2)).c_str(), nullptr) > 0.0;
}

}  // namespace

std::string Gzip(std::string_view data, int level) {
  z_stream z{};
  if (deflateInit2(&z, level, Z_DEFLATED, kGzipWindowBits, kMemLevel, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw Error(Errc::kInternal, "gzip: deflateInit2 failed");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const std::size_t written = out.size() - z.avail_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw Error(Errc::kInternal, "gzip: deflate did not finish");
  out.resize(written);
  out.shrink_to_fit();  // kept in the cache: deflateBound overestimates
  return out;
}

std::string Gunzip(std::string_view gzip, std::size_t size_hint) {
  z_stream z{};
  if (inflateInit2(&z, kGzipWindowBits) != Z_OK) throw Error(Errc::kInternal, "gunzip: inflateInit2 failed");
  std::string out(size_hint > 0 ? size_hint : gzip.size() * 4 + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gzip.data()));
  z.avail_in = static_cast<uInt>(gzip.size());
  int rc = Z_OK;
  std::size_t done = 0;
  while (true) {
    z.next_out = reinterpret_cast<Bytef*>(out.data() + done);
    z.avail_out = static_cast<uInt>(out.size() - done);
    rc = inflate(&z, Z_NO_FLUSH);
    done = out.size() - z.avail_out;
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK && rc != Z_BUF_ERROR) break;
    if (z.avail_out != 0) {  // input ended before the stream did
      rc = Z_DATA_ERROR;
      break;
    }
    out.resize(out.size() * 2);
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) throw Error(Errc::kInternal, "gunzip: not a complete gzip stream");
  out.resize(done);
  return out;
}

bool AcceptsGzip(const Request& request) {
  const std::optional<std::string> header = request.Header("Accept-Encoding");
  if (!header) return false;
  const std::string value = Lower(*header);
  std::string_view rest = value;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = Trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const std::size_t semi = item.find(';');
    const std::string_view coding = Trim(item.substr(0, semi));
    const std::string_view params = semi == std::string_view::npos ? std::string_view{} : item.substr(semi + 1);
    if ((coding == "gzip" || coding == "*") && Allowed(params)) return true;
  }
  return false;
}

}  // namespace sovang::server
