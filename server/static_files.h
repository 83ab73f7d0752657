#pragma once
// The web pages and their assets, served from a directory (ServerOptions::web_dir).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sovang::server {

// The regular file under `web_dir` that a decoded URL path names, or nullopt
// when there is none or the path would leave `web_dir`: segments ".." and
// ".", hidden names (".git"), backslashes and symlinks pointing outside are
// refused. "/" names index.html, a directory names its index.html, and an
// extension-less name falls back to NAME.html ("/login" -> login.html).
std::optional<std::filesystem::path> ResolveStaticFile(const std::filesystem::path& web_dir, std::string_view url_path);

// "text/html; charset=utf-8", "image/png", ... by extension;
// application/octet-stream when unknown.
std::string ContentTypeFor(const std::filesystem::path& file);

}  // namespace sovang::server
