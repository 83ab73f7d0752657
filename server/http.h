#pragma once
// The request and response handlers see: plain C++ values, no Poco types.
// The Poco adapter (server.cpp) fills a Request and sends a Response; tests
// and the dispatcher can build them directly.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "server/principal.h"

namespace sovang::server {

// Largest JSON body a handler accepts unless it asks for more.
inline constexpr std::size_t kDefaultJsonLimit = 64 * 1024;

// Everything the adapter knows about an incoming request.
struct RequestData {
  std::string method;  // upper case: "GET", "POST", ...
  std::string path;    // percent-decoded, starts with '/'
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names as sent
  std::string client_address;                                // peer IP, no port
  // Reads the body, at most `limit` bytes; throws Error(kTooLarge) beyond
  // that. Called at most once. Empty function: no body.
  std::function<std::string(std::size_t limit)> read_body;
};

class Request {
 public:
  explicit Request(RequestData data);

  const std::string& method() const { return data_.method; }
  const std::string& path() const { return data_.path; }
  const std::string& client_address() const { return data_.client_address; }
  const std::vector<std::pair<std::string, std::string>>& query_params() const { return data_.query; }

  // The first value of a query parameter.
  std::optional<std::string> Query(std::string_view name) const;
  // An integer query parameter: `fallback` when absent or empty; throws
  // Error(kInvalidArgument) when it is not an integer in [min, max].
  int QueryInt(std::string_view name, int fallback, int min, int max) const;

  // A `{name}` segment of the route pattern that matched (decoded).
  // Throws Error(kInternal) when the route has no such parameter.
  const std::string& PathParam(std::string_view name) const;
  // PathParam as a positive integer, else Error(kNotFound) (an id that
  // cannot exist).
  std::int64_t PathParamId(std::string_view name) const;

  // Header lookup, case-insensitive.
  std::optional<std::string> Header(std::string_view name) const;
  const std::map<std::string, std::string>& cookies() const { return cookies_; }
  std::optional<std::string> Cookie(std::string_view name) const;

  // The raw body, read on first call; Error(kTooLarge) beyond `limit` bytes.
  const std::string& Body(std::size_t limit) const;
  // The body parsed as JSON: Error(kInvalidArgument) unless the Content-Type
  // is application/json and the body parses; Error(kTooLarge) beyond `limit`.
  // Requiring the content type also keeps cross-site HTML forms out.
  nlohmann::json Json(std::size_t limit = kDefaultJsonLimit) const;

  // Set by the dispatcher after authentication (staff routes only).
  const std::optional<Principal>& principal() const { return principal_; }
  void set_principal(std::optional<Principal> p) { principal_ = std::move(p); }
  void set_path_params(std::vector<std::pair<std::string, std::string>> params) { path_params_ = std::move(params); }

 private:
  RequestData data_;
  std::map<std::string, std::string> cookies_;
  std::vector<std::pair<std::string, std::string>> path_params_;
  std::optional<Principal> principal_;
  mutable std::optional<std::string> body_;
};

struct SetCookie {
  std::string name;
  std::string value;
  std::string path = "/";
  std::optional<std::int64_t> max_age_seconds;  // none: a session cookie
  bool http_only = true;
  bool secure = false;                // set when the public URL is https
  std::string same_site = "Strict";  // "Strict" | "Lax" | "None"
};

// What a handler answers. The body is either bytes in memory or a file the
// adapter streams.
class Response {
 public:
  int status() const { return status_; }
  void set_status(int status) { status_ = status; }
  const std::string& body() const { return body_; }
  const std::optional<std::filesystem::path>& file() const { return file_; }
  const std::string& content_type() const { return content_type_; }
  // Headers in the order set; SetHeader replaces a header of the same name.
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }
  std::optional<std::string> Header(std::string_view name) const;

  void Json(const nlohmann::json& body, int status = 200);
  // {"error": {"code": ErrcName(code), "message": message}} with the status
  // of the code.
  void JsonError(Errc code, const std::string& message);
  void Html(std::string body, int status = 200);
  void Bytes(std::string body, std::string content_type, int status = 200);
  // Streams a file; the caller has checked it exists.
  void File(std::filesystem::path path, std::string content_type);
  void Redirect(const std::string& location, int status = 303);
  void NoContent() { Bytes({}, {}, 204); }

  void SetHeader(std::string name, std::string value);
  void AddCookie(const SetCookie& cookie);

 private:
  int status_ = 200;
  std::string content_type_;
  std::string body_;
  std::optional<std::filesystem::path> file_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

// A header value's part without the spaces and tabs around it (HTTP's
// optional whitespace).
std::string_view Trim(std::string_view s);

// JSON as the API sends it: compact, invalid UTF-8 replaced rather than thrown
// on half-way through a response.
std::string JsonText(const nlohmann::json& value);

inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";
inline constexpr std::string_view kHtmlContentType = "text/html; charset=utf-8";

// Splits an origin-form request target ("/a%20b/c?q=x+y&n=1") into the
// decoded path and query parameters ('+' is a space in the query). Throws
// Error(kInvalidArgument) for a target that does not start with '/', a bad
// percent escape, or an encoded NUL.
void ParseRequestTarget(std::string_view target, std::string& path,
                        std::vector<std::pair<std::string, std::string>>& query);

// true for methods that change state (POST, PUT, PATCH, DELETE).
bool IsStateChanging(std::string_view method);

}  // namespace sovang::server
