#include "server/http_wire.h"

#include <ctime>

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Exception.h>
#include <Poco/MemoryStream.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/String.h>
#include <Poco/Timestamp.h>

#include "server/errors.h"

namespace sovang::server {

namespace {

// RFC 9110's date, formatted once a second per thread (every answer has one).
const std::string& HttpDateNow() {
  thread_local std::time_t shown = 0;
  thread_local std::string date;
  const std::time_t now = std::time(nullptr);
  if (now != shown) {
    shown = now;
    date = Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(now), Poco::DateTimeFormat::HTTP_FORMAT);
  }
  return date;
}

// RFC 9112: empty lines before a request line are skipped.
std::size_t EmptyLinesBefore(std::string_view bytes) {
  std::size_t start = 0;
  while (start < bytes.size() && (bytes[start] == '\r' || bytes[start] == '\n')) ++start;
  return start;
}

std::string_view Reason(int status) {
  return Poco::Net::HTTPResponse::getReasonForStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
}

}  // namespace

std::optional<std::size_t> RequestHeadLength(std::string_view bytes) {
  const std::size_t end = bytes.find("\r\n\r\n", EmptyLinesBefore(bytes));
  if (end == std::string_view::npos) return std::nullopt;
  return end + 4;
}

RequestHead ParseRequestHead(std::string_view head, std::size_t max_body) {
  head.remove_prefix(EmptyLinesBefore(head));
  Poco::Net::HTTPRequest parsed;
  try {
    Poco::MemoryInputStream in(head.data(), head.size());
    parsed.read(in);
  } catch (const Poco::Exception& e) {
    throw WireError(400, "malformed request: " + e.displayText());
  }
  const std::string& version = parsed.getVersion();
  if (version != Poco::Net::HTTPMessage::HTTP_1_1 && version != Poco::Net::HTTPMessage::HTTP_1_0) {
    throw WireError(400, "unsupported HTTP version");
  }
  RequestHead out;
  FramedRequest& r = out.request;
  r.method = parsed.getMethod();
  r.target = parsed.getURI();
  r.http10 = version == Poco::Net::HTTPMessage::HTTP_1_0;
  r.keep_alive = parsed.getKeepAlive();
  r.headers.reserve(parsed.size());
  for (const auto& [name, value] : parsed) r.headers.emplace_back(name, value);
  if (r.method.empty() || r.target.empty()) throw WireError(400, "malformed request line");
  if (parsed.getChunkedTransferEncoding()) throw WireError(411, "a request body needs a Content-Length");
  if (parsed.has(Poco::Net::HTTPMessage::TRANSFER_ENCODING)) throw WireError(400, "unsupported Transfer-Encoding");
  if (parsed.hasContentLength()) {
    std::int64_t length = 0;
    try {
      length = parsed.getContentLength64();
    } catch (const Poco::Exception&) {
      throw WireError(400, "malformed Content-Length");
    }
    if (length < 0) throw WireError(400, "malformed Content-Length");
    if (static_cast<std::uint64_t>(length) > max_body) {
      throw WireError(413, "request body larger than " + std::to_string(max_body) + " bytes");
    }
    out.content_length = static_cast<std::size_t>(length);
  }
  out.expects_continue = Poco::icompare(parsed.get("Expect", ""), "100-continue") == 0;
  return out;
}

std::string ResponseHead(const Response& response, std::size_t body_length, bool keep_alive, bool http10) {
  std::string head;
  head.reserve(512);
  head += http10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  head += std::to_string(response.status());
  head += ' ';
  head += Reason(response.status());
  head += "\r\nDate: ";
  head += HttpDateNow();
  head += "\r\n";
  for (const auto& [name, value] : response.headers()) {
    head += name;
    head += ": ";
    head += value;
    head += "\r\n";
  }
  if (!response.content_type().empty()) {
    head += "Content-Type: ";
    head += response.content_type();
    head += "\r\n";
  }
  head += "Content-Length: ";
  head += std::to_string(body_length);
  head += "\r\n";
  if (!keep_alive) {
    head += "Connection: close\r\n";
  } else if (http10) {
    head += "Connection: Keep-Alive\r\n";
  }
  head += "\r\n";
  return head;
}

std::string ErrorAnswer(int status, std::string_view message) {
  Response response;
  const Errc code = status == 413 || status == 431 ? Errc::kTooLarge : Errc::kInvalidArgument;
  response.Bytes(JsonText(ErrorJson(code, std::string(message))), std::string(kJsonContentType), status);
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Cache-Control", "no-store");
  return ResponseHead(response, response.body().size(), false, false) + response.body();
}

}  // namespace sovang::server
