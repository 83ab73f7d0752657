#include "server/dispatcher.h"

#include <iostream>
#include <optional>

#include "server/errors.h"
#include "server/static_files.h"
#include "text/html_escape.h"

namespace sovang::server {

namespace {

// Pages: our own scripts, styles and images only; nothing inline, no frames.
constexpr const char* kPageCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";
// Everything else (JSON, images, scripts) is never a document.
constexpr const char* kResourceCsp = "default-src 'none'; frame-ancestors 'none'; sandbox";

std::string_view VietnameseTitle(int status) {
  switch (status) {
    case 400: return "Yêu cầu không hợp lệ";
    case 401: return "Cần đăng nhập";
    case 403: return "Không có quyền truy cập";
    case 404: return "Không tìm thấy trang";
    case 405: return "Phương thức không được hỗ trợ";
    case 409: return "Xung đột dữ liệu";
    case 413: return "Dữ liệu gửi lên quá lớn";
    case 429: return "Quá nhiều yêu cầu";
    default: return "Lỗi máy chủ";
  }
}

std::string ErrorPage(int status, std::string_view detail) {
  const std::string title(VietnameseTitle(status));
  std::string html =
      "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>" + title + " — Sổ vàng</title>\n<link rel=\"stylesheet\" href=\"/app.css\">\n</head>\n"
      "<body>\n<main class=\"error-page\">\n<h1>" + title + "</h1>\n";
  if (status == 404) {
    html += "<p>Trang bạn tìm không có trong hệ thống lưu trữ hồ sơ khen thưởng.</p>\n";
  } else if (status == 401) {
    html += "<p>Vui lòng <a href=\"/login\">đăng nhập</a> để tiếp tục.</p>\n";
  } else if (!detail.empty()) {
    html += "<p>" + text::HtmlEscape(detail) + "</p>\n";
  }
  html += "<p><a href=\"/\">Về trang tìm kiếm</a></p>\n</main>\n</body>\n</html>\n";
  return html;
}

}  // namespace

bool IsApiPath(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

bool Dispatcher::Answer(Request& request, Response& response, bool quick_only) const noexcept {
  std::optional<AppContext::NoWaitScope> no_wait;
  if (quick_only) no_wait.emplace();
  try {
    try {
      if (!Serve(request, response, quick_only)) return false;
    } catch (const Error& e) {
      Fail(request, response, e.code(), e.what());
    } catch (const nlohmann::json::exception& e) {
      // A handler read a JSON body with the wrong shape (json.at, get<int>).
      Fail(request, response, Errc::kInvalidArgument, std::string("malformed JSON: ") + e.what());
    } catch (const std::exception& e) {
      Fail(request, response, Errc::kInternal, e.what());
    } catch (...) {
      Fail(request, response, Errc::kInternal, "unknown exception");
    }
    SetSecurityHeaders(request, response);
  } catch (...) {
    // Out of memory while building an error: answer without a body.
    response.Bytes({}, {}, 500);
  }
  return true;
}

void Dispatcher::HandleError(const Request& request, Response& response, const Error& error) const noexcept {
  try {
    Fail(request, response, error.code(), error.what());
    SetSecurityHeaders(request, response);
  } catch (...) {
    response.Bytes({}, {}, 500);
  }
}

bool Dispatcher::Serve(Request& request, Response& response, bool quick_only) const {
  Router::Match match = router_.Find(request.method(), request.path());
  if (!match.route) {
    if (!match.allowed_methods.empty()) {
      std::string allow;
      for (const std::string& m : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + m;
      if (IsApiPath(request.path())) {
        response.Json(ErrorJson(Errc::kInvalidArgument, "method " + request.method() + " not allowed here"), 405);
      } else {
        response.Html(ErrorPage(405, ""), 405);
      }
      response.SetHeader("Allow", allow);
      return true;
    }
    if (!IsApiPath(request.path()) && (request.method() == "GET" || request.method() == "HEAD")) {
      if (auto file = ResolveStaticFile(app_.options().web_dir, request.path())) {
        response.File(*file, ContentTypeFor(*file));
        return true;
      }
    }
    NotFound(request, response);
    return true;
  }

  const Route& route = *match.route;
  if (quick_only && route.pace != Pace::kQuick && !route.quick) return false;
  request.set_path_params(std::move(match.params));
  Authenticator& auth = app_.authenticator();
  if (!route.access.is_public()) {
    std::optional<Principal> principal = auth.Authenticate(request);
    if (!principal && app_.options().open_access) principal = Principal{0, "open-access", std::string(kRoleAdmin)};
    if (!principal) throw Error(Errc::kUnauthenticated, "login required");
    if (!app_.options().open_access && !route.access.Allows(principal->role)) {
      throw Error(Errc::kPermissionDenied, "the role '" + principal->role + "' may not do this");
    }
    request.set_principal(std::move(principal));
  }
  if (IsStateChanging(request.method()) && !auth.CheckCsrf(request, request.principal())) {
    throw Error(Errc::kPermissionDenied, "cross-site request refused");
  }
  if (quick_only && route.pace != Pace::kQuick) return route.quick(request, response);
  route.handler(request, response);
  return true;
}

void Dispatcher::NotFound(const Request& request, Response& response) const {
  if (IsApiPath(request.path())) {
    response.JsonError(Errc::kNotFound, "no such endpoint: " + request.method() + " " + request.path());
    return;
  }
  if (auto page = ResolveStaticFile(app_.options().web_dir, "/404.html")) {
    try {
      response.Html(ReadFile(*page), 404);
      return;
    } catch (const Error&) {
      // fall through to the built-in page
    }
  }
  response.Html(ErrorPage(404, ""), 404);
}

void Dispatcher::Fail(const Request& request, Response& response, Errc code, const std::string& message) const {
  const int status = HttpStatusFor(code);
  // Internal details stay in the log; the client learns only that it failed.
  std::string shown = message;
  if (status >= 500) {
    std::cerr << "sovang serve: " << request.method() << " " << request.path() << ": " << ErrcName(code) << ": "
              << message << "\n";
    shown = "internal error";
  }
  const std::vector<std::pair<std::string, std::string>> keep = [&] {
    // Headers a handler set for an error (Retry-After of a 429) survive.
    std::vector<std::pair<std::string, std::string>> h;
    for (const auto& kv : response.headers())
      if (kv.first == "Retry-After") h.push_back(kv);
    return h;
  }();
  response = Response();
  for (const auto& [k, v] : keep) response.SetHeader(k, v);
  if (code == Errc::kNotFound && !IsApiPath(request.path())) {
    NotFound(request, response);
  } else if (IsApiPath(request.path())) {
    response.JsonError(code, shown);
  } else {
    response.Html(ErrorPage(status, status >= 500 ? "" : shown), status);
  }
}

void Dispatcher::SetSecurityHeaders(const Request& request, Response& response) const {
  const bool page = response.content_type().starts_with("text/html");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Referrer-Policy", "no-referrer");
  response.SetHeader("X-Frame-Options", "DENY");
  response.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
  response.SetHeader("Cross-Origin-Resource-Policy", "same-origin");
  if (!response.Header("Content-Security-Policy")) {
    response.SetHeader("Content-Security-Policy", page ? kPageCsp : kResourceCsp);
  }
  if (app_.options().public_url.starts_with("https://")) {
    response.SetHeader("Strict-Transport-Security", "max-age=31536000");
  }
  if (!response.Header("Cache-Control")) {
    // API answers hold personal data: never cached. Pages and assets are
    // revalidated so a new version shows at once.
    response.SetHeader("Cache-Control", IsApiPath(request.path()) ? "no-store" : "no-cache");
  }
}

}  // namespace sovang::server
