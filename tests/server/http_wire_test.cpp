// HTTP/1.1 framing on strings: where a head ends, what it says, and the bytes
// of an answer's head (server/http_wire.h).

#include <catch2/catch.hpp>

#include "server/http_wire.h"

using namespace sovang::server;

TEST_CASE("A request head ends at its blank line, empty lines before it skipped", "[server]") {
  CHECK(RequestHeadLength("GET / HTTP/1.1\r\nHost: a\r\n\r\n") == std::size_t{27});
  CHECK(RequestHeadLength("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\n\r\n") == std::size_t{27});
  CHECK(RequestHeadLength("\r\n\r\nGET / HTTP/1.1\r\n\r\n") == std::size_t{22});
  CHECK_FALSE(RequestHeadLength("GET / HTTP/1.1\r\nHost: a\r\n"));
  CHECK_FALSE(RequestHeadLength(""));
  CHECK_FALSE(RequestHeadLength("\r\n\r\n"));
}

TEST_CASE("A request head is parsed by Poco: method, target, headers, body length", "[server]") {
  const RequestHead h = ParseRequestHead(
      "POST /api/login?x=1 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
      "Content-Length: 17\r\nExpect: 100-continue\r\n\r\n",
      1024);
  CHECK(h.request.method == "POST");
  CHECK(h.request.target == "/api/login?x=1");
  CHECK(h.request.keep_alive);
  CHECK_FALSE(h.request.http10);
  CHECK(h.content_length == 17);
  CHECK(h.expects_continue);
  bool has_type = false;
  for (const auto& [name, value] : h.request.headers) has_type |= name == "Content-Type" && value == "application/json";
  CHECK(has_type);
}

TEST_CASE("Keep-alive follows the version and the Connection header", "[server]") {
  CHECK(ParseRequestHead("GET / HTTP/1.1\r\n\r\n", 0).request.keep_alive);
  CHECK_FALSE(ParseRequestHead("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", 0).request.keep_alive);
  const RequestHead old = ParseRequestHead("GET / HTTP/1.0\r\n\r\n", 0);
  CHECK(old.request.http10);
  CHECK_FALSE(old.request.keep_alive);
  CHECK(ParseRequestHead("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", 0).request.keep_alive);
}

namespace {

int StatusOf(std::string_view head, std::size_t max_body = 1024) {
  try {
    ParseRequestHead(head, max_body);
    return 0;
  } catch (const WireError& e) {
    return e.status();
  }
}

}  // namespace

TEST_CASE("A head the layer cannot take is refused with the status that says why", "[server]") {
  CHECK(StatusOf("GET / HTTP/1.1\r\n\r\n") == 0);
  CHECK(StatusOf(std::string(100, 'A') + " / HTTP/1.1\r\n\r\n") == 400);  // method too long for Poco
  CHECK(StatusOf("GET / HTTP/2.0\r\n\r\n") == 400);
  CHECK(StatusOf("GET / FTP/1.1\r\n\r\n") == 400);
  CHECK(StatusOf("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n") == 400);
  CHECK(StatusOf("POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n") == 400);
  CHECK(StatusOf("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") == 411);
  CHECK(StatusOf("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") == 400);
  CHECK(StatusOf("POST / HTTP/1.1\r\nContent-Length: 1025\r\n\r\n") == 413);
  CHECK(StatusOf("POST / HTTP/1.1\r\nContent-Length: 1024\r\n\r\n") == 0);
}

TEST_CASE("An answer's head has the status, the date, the headers and the length", "[server]") {
  Response r;
  r.Json({{"ok", true}});
  r.SetHeader("Cache-Control", "no-store");
  const std::string head = ResponseHead(r, 11, true, false);
  CHECK(head.rfind("HTTP/1.1 200 OK\r\nDate: ", 0) == 0);
  CHECK(head.find(" GMT\r\n") != std::string::npos);
  CHECK(head.find("\r\nCache-Control: no-store\r\n") != std::string::npos);
  CHECK(head.find("\r\nContent-Type: application/json; charset=utf-8\r\n") != std::string::npos);
  CHECK(head.find("\r\nContent-Length: 11\r\n") != std::string::npos);
  CHECK(head.find("Connection:") == std::string::npos);
  CHECK(head.size() >= 4);
  CHECK(head.substr(head.size() - 4) == "\r\n\r\n");

  Response missing;
  missing.Bytes("x", "text/plain", 404);
  CHECK(ResponseHead(missing, 1, false, false).find("HTTP/1.1 404 Not Found\r\n") == 0);
  CHECK(ResponseHead(missing, 1, false, false).find("\r\nConnection: close\r\n") != std::string::npos);
  CHECK(ResponseHead(missing, 1, true, true).find("HTTP/1.0 404") == 0);
  CHECK(ResponseHead(missing, 1, true, true).find("\r\nConnection: Keep-Alive\r\n") != std::string::npos);
}

TEST_CASE("The layer's own error answer is JSON and closes the connection", "[server]") {
  const std::string answer = ErrorAnswer(431, "request head too large \"here\"");
  CHECK(answer.rfind("HTTP/1.1 431 ", 0) == 0);
  CHECK(answer.find("\r\nConnection: close\r\n") != std::string::npos);
  CHECK(answer.find(R"("message":"request head too large \"here\"")") != std::string::npos);
}
