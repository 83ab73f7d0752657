#include "server/http.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

#include "server/errors.h"

namespace sovang::server {

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Cookie: a=1; b=2  (RFC 6265 §4.2). The first occurrence of a name wins.
std::map<std::string, std::string> ParseCookies(std::string_view header) {
  std::map<std::string, std::string> cookies;
  while (!header.empty()) {
    const std::size_t semi = header.find(';');
    std::string_view pair = Trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    std::string_view value = Trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    cookies.emplace(std::string(Trim(pair.substr(0, eq))), std::string(value));
  }
  return cookies;
}

}  // namespace

Request::Request(RequestData data) : data_(std::move(data)) {
  for (const auto& [name, value] : data_.headers) {
    if (EqualsIgnoreCase(name, "Cookie")) {
      for (auto& [k, v] : ParseCookies(value)) cookies_.emplace(k, v);
    }
  }
}

std::optional<std::string> Request::Query(std::string_view name) const {
  for (const auto& [k, v] : data_.query)
    if (k == name) return v;
  return std::nullopt;
}

int Request::QueryInt(std::string_view name, int fallback, int min, int max) const {
  const std::optional<std::string> raw = Query(name);
  if (!raw || raw->empty()) return fallback;
  long long value = 0;
  const char* end = raw->data() + raw->size();
  const auto [p, ec] = std::from_chars(raw->data(), end, value);
  if (ec != std::errc() || p != end || value < min || value > max) {
    throw Error(Errc::kInvalidArgument, "parameter '" + std::string(name) + "' must be an integer from " +
                                            std::to_string(min) + " to " + std::to_string(max));
  }
  return static_cast<int>(value);
}

const std::string& Request::PathParam(std::string_view name) const {
  for (const auto& [k, v] : path_params_)
    if (k == name) return v;
  throw Error(Errc::kInternal, "route has no path parameter '" + std::string(name) + "'");
}

std::int64_t Request::PathParamId(std::string_view name) const {
  const std::string& raw = PathParam(name);
  std::int64_t value = 0;
  const char* end = raw.data() + raw.size();
  const auto [p, ec] = std::from_chars(raw.data(), end, value);
  if (ec != std::errc() || p != end || value <= 0) throw Error(Errc::kNotFound, "no such id: " + raw);
  return value;
}

std::optional<std::string> Request::Header(std::string_view name) const {
  for (const auto& [k, v] : data_.headers)
    if (EqualsIgnoreCase(k, name)) return v;
  return std::nullopt;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  const auto it = cookies_.find(std::string(name));
  if (it == cookies_.end()) return std::nullopt;
  return it->second;
}

const std::string& Request::Body(std::size_t limit) const {
  if (!body_) body_ = data_.read_body ? data_.read_body(limit) : std::string();
  if (body_->size() > limit) throw Error(Errc::kTooLarge, "request body larger than " + std::to_string(limit) + " bytes");
  return *body_;
}

nlohmann::json Request::Json(std::size_t limit) const {
  const std::string type = Header("Content-Type").value_or("");
  const std::string_view media = Trim(std::string_view(type).substr(0, type.find(';')));
  if (!EqualsIgnoreCase(media, "application/json")) {
    throw Error(Errc::kInvalidArgument, "the body must be JSON (Content-Type: application/json)");
  }
  const std::string& body = Body(limit);
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) throw Error(Errc::kInvalidArgument, "the body is not valid JSON");
  return parsed;
}

std::optional<std::string> Response::Header(std::string_view name) const {
  for (const auto& [k, v] : headers_)
    if (EqualsIgnoreCase(k, name)) return v;
  return std::nullopt;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string JsonText(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void Response::Json(const nlohmann::json& body, int status) { Bytes(JsonText(body), std::string(kJsonContentType), status); }

void Response::JsonError(Errc code, const std::string& message) {
  Json(ErrorJson(code, message), HttpStatusFor(code));
}

void Response::Html(std::string body, int status) { Bytes(std::move(body), std::string(kHtmlContentType), status); }

void Response::Bytes(std::string body, std::string content_type, int status) {
  status_ = status;
  body_ = std::move(body);
  content_type_ = std::move(content_type);
  file_.reset();
}

void Response::File(std::filesystem::path path, std::string content_type) {
  status_ = 200;
  body_.clear();
  content_type_ = std::move(content_type);
  file_ = std::move(path);
}

void Response::Redirect(const std::string& location, int status) {
  Bytes({}, {}, status);
  SetHeader("Location", location);
}

void Response::SetHeader(std::string name, std::string value) {
  for (auto& [k, v] : headers_) {
    if (EqualsIgnoreCase(k, name)) {
      v = std::move(value);
      return;
    }
  }
  headers_.emplace_back(std::move(name), std::move(value));
}

void Response::AddCookie(const SetCookie& c) {
  std::string header = c.name + "=" + c.value + "; Path=" + c.path;
  if (c.max_age_seconds) header += "; Max-Age=" + std::to_string(*c.max_age_seconds);
  if (c.http_only) header += "; HttpOnly";
  if (c.secure) header += "; Secure";
  if (!c.same_site.empty()) header += "; SameSite=" + c.same_site;
  headers_.emplace_back("Set-Cookie", std::move(header));  // several may coexist
}

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      const int hi = i + 2 < in.size() ? HexValue(in[i + 1]) : -1;
      const int lo = hi >= 0 ? HexValue(in[i + 2]) : -1;
      if (hi < 0 || lo < 0) throw Error(Errc::kInvalidArgument, "bad percent escape in the URL");
      const char decoded = static_cast<char>(hi * 16 + lo);
      if (decoded == '\0') throw Error(Errc::kInvalidArgument, "NUL in the URL");
      out += decoded;
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

void ParseRequestTarget(std::string_view target, std::string& path,
                        std::vector<std::pair<std::string, std::string>>& query) {
  if (target.empty() || target.front() != '/') throw Error(Errc::kInvalidArgument, "the request target must start with '/'");
  if (const std::size_t hash = target.find('#'); hash != std::string_view::npos) target = target.substr(0, hash);
  const std::size_t q = target.find('?');
  path = PercentDecode(target.substr(0, q), false);
  query.clear();
  if (q == std::string_view::npos) return;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    const std::size_t eq = pair.find('=');
    if (pair.empty() || eq == 0) continue;  // "&&", "&=x": no name
    query.emplace_back(PercentDecode(pair.substr(0, eq), true),
                       eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1), true));
  }
}

bool IsStateChanging(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

}  // namespace sovang::server
