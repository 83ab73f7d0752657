#include "server/static_files.h"

#include <algorithm>
#include <cctype>
#include <system_error>
#include <utility>

namespace sovang::server {

namespace {

bool IsRegularFile(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec);
}

bool IsDirectory(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_directory(p, ec);
}

// true when `p`, with symlinks resolved, lies inside `root` (canonical).
bool Inside(const std::filesystem::path& root, const std::filesystem::path& p) {
  std::error_code ec;
  const std::filesystem::path real = std::filesystem::canonical(p, ec);
  if (ec) return false;
  auto r = root.begin();
  auto q = real.begin();
  for (; r != root.end(); ++r, ++q) {
    if (q == real.end() || *r != *q) return false;
  }
  return true;
}

}  // namespace

std::optional<std::filesystem::path> ResolveStaticFile(const std::filesystem::path& web_dir, std::string_view url_path) {
  if (url_path.empty() || url_path.front() != '/') return std::nullopt;
  std::error_code ec;
  const std::filesystem::path root = std::filesystem::canonical(web_dir, ec);
  if (ec) return std::nullopt;

  std::filesystem::path file = root;
  std::string_view rest = url_path.substr(1);
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (seg.empty()) continue;  // "//" collapses; never an absolute path
    if (seg.front() == '.') return std::nullopt;  // "..", ".", hidden files
    if (seg.find('\\') != std::string_view::npos || seg.find('\0') != std::string_view::npos) return std::nullopt;
    file /= std::string(seg);
  }

  if (IsDirectory(file)) file /= "index.html";
  if (!IsRegularFile(file) && !file.has_extension()) file += ".html";
  if (!IsRegularFile(file) || !Inside(root, file)) return std::nullopt;
  return file;
}

std::string ContentTypeFor(const std::filesystem::path& file) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".webmanifest", "application/manifest+json"},
  };
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const auto& [e, type] : kTypes)
    if (e == ext) return std::string(type);
  return "application/octet-stream";
}

}  // namespace sovang::server
