#pragma once
// HTTP/1.1 on the wire, for the event-driven connections
// (server/event_server.h): where a request's head ends, what it says (parsed
// by Poco's HTTPRequest), and the bytes of a response's head. No sockets
// here, so every rule can be tested on strings.

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/http.h"

namespace sovang::server {

// A request as it came: the head parsed, the body whole.
struct FramedRequest {
  std::string method;   // as sent ("GET")
  std::string target;   // the request target, not decoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool keep_alive = true;   // HTTP/1.1 unless "Connection: close"; 1.0 only if asked
  bool http10 = false;      // answered as HTTP/1.0
  std::string client_address;
};

// What ParseRequestHead found.
struct RequestHead {
  FramedRequest request;           // without its body
  std::size_t content_length = 0;  // bytes of body after the head
  bool expects_continue = false;   // "Expect: 100-continue"
};

// The length of the head at the start of `bytes` (through its blank line),
// or nullopt when the blank line has not come yet. Empty lines before a
// request line are skipped, as RFC 9112 asks (their bytes count in the head).
std::optional<std::size_t> RequestHeadLength(std::string_view bytes);

// A request the connection layer answers itself, then closes: `status` is
// 400 (malformed), 411 (a chunked body: no client of ours sends one), 413
// (a body over the limit) or 431 (a head over the limit).
class WireError : public std::runtime_error {
 public:
  WireError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

// Parses a head RequestHeadLength found; throws WireError.
RequestHead ParseRequestHead(std::string_view head, std::size_t max_body);

// The status line and headers of `response` (without its body), ending in the
// blank line: Date, the handler's headers, Content-Type, Content-Length
// (`body_length`), and Connection when the connection is to close (or, for
// an HTTP/1.0 client, when it stays open).
std::string ResponseHead(const Response& response, std::size_t body_length, bool keep_alive, bool http10);

// The whole answer to a request that cannot be parsed (its connection then
// closes): a status and a short JSON error.
std::string ErrorAnswer(int status, std::string_view message);

}  // namespace sovang::server
