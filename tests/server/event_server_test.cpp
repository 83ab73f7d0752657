// The event-driven connection layer over loopback (server/event_server.h),
// with a stand-in answerer: /quick answers on the loop, /slow sleeps on a
// worker, /file streams a file, /echo returns the body. Raw sockets, so the
// bytes on the wire are what is checked.

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/cpu_time.h"
#include "server/event_server.h"
#include "server_test_support.h"

using namespace sovang::server;
using sovang::server_test::TempDir;
using Clock = std::chrono::steady_clock;

namespace {

class StandIn final : public RequestAnswerer {
 public:
  explicit StandIn(std::filesystem::path file) : file_(std::move(file)) {}

  bool Answer(const FramedRequest& request, Response& response, bool quick_only) override {
    const std::string& t = request.target;
    if (t.rfind("/slow", 0) == 0) {
      if (quick_only) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      response.Bytes("slow done", "text/plain");
      slow_answered++;
      return true;
    }
    if (t == "/file") {
      response.File(file_, "application/octet-stream");
    } else if (t == "/echo") {
      if (quick_only) return false;  // on a worker, as a POST handler runs
      response.Bytes(request.body, "text/plain");
    } else {
      response.Bytes("quick " + t, "text/plain");
    }
    return true;
  }

  std::atomic<int> slow_answered{0};

 private:
  std::filesystem::path file_;
};

struct Served {
  TempDir tmp;
  std::filesystem::path file = tmp.path() / "big.bin";
  StandIn answerer{file};
  Poco::Net::ServerSocket socket;
  std::optional<EventServer> server;
  std::uint16_t port = 0;

  explicit Served(EventServerOptions options = Options()) {
    std::string content(6u << 20, ' ');
    for (std::size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>('a' + (i * 7919u) % 26u);
    std::ofstream(file, std::ios::binary) << content;
    socket.bind(Poco::Net::SocketAddress("127.0.0.1", 0), true);
    socket.listen(256);
    port = socket.address().port();
    server.emplace(socket.impl()->sockfd(), answerer, options);
  }
  static EventServerOptions Options() {
    EventServerOptions o;
    o.loops = 1;  // one loop: a request that blocked it would hold every other
    o.workers = 4;
    o.keep_alive = std::chrono::milliseconds(1500);
    o.request_timeout = std::chrono::milliseconds(3000);
    o.max_head_bytes = 4096;
    o.max_body_bytes = 64 * 1024;
    return o;
  }
};

Poco::Net::StreamSocket Connect(std::uint16_t port) {
  Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", port));
  s.setReceiveTimeout(Poco::Timespan(10, 0));
  return s;
}

void Send(Poco::Net::StreamSocket& s, const std::string& bytes) {
  s.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
}

struct Answer {
  std::string head;
  std::string body;
  int status() const { return std::stoi(head.substr(9, 3)); }
  bool has(const std::string& header_line) const { return head.find("\r\n" + header_line + "\r\n") != std::string::npos; }
};

// Reads one answer (head and Content-Length bytes of body) from `pending`
// plus the socket; what follows stays in `pending`. nullopt when the
// connection closed first.
std::optional<Answer> ReadAnswer(Poco::Net::StreamSocket& s, std::string& pending, bool head_only = false) {
  char buffer[8192];
  auto fill = [&]() {
    const int n = s.receiveBytes(buffer, sizeof buffer);
    if (n <= 0) return false;
    pending.append(buffer, static_cast<std::size_t>(n));
    return true;
  };
  std::size_t end;
  while ((end = pending.find("\r\n\r\n")) == std::string::npos)
    if (!fill()) return std::nullopt;
  Answer a;
  a.head = pending.substr(0, end + 4);
  pending.erase(0, end + 4);
  std::size_t length = 0;
  if (const auto at = a.head.find("Content-Length: "); at != std::string::npos && !head_only) {
    length = std::stoul(a.head.substr(at + 16));
  }
  while (pending.size() < length)
    if (!fill()) return std::nullopt;
  a.body = pending.substr(0, length);
  pending.erase(0, length);
  return a;
}

// True when the server closes the connection within `limit`.
bool ClosedWithin(Poco::Net::StreamSocket& s, std::chrono::milliseconds limit) {
  s.setReceiveTimeout(Poco::Timespan(static_cast<long>(limit.count()) * 1000));
  char buffer[256];
  try {
    while (s.receiveBytes(buffer, sizeof buffer) > 0) {
    }
    return true;
  } catch (const Poco::TimeoutException&) {
    return false;
  } catch (const Poco::Net::ConnectionResetException&) {
    return true;
  }
}

}  // namespace

TEST_CASE("Pipelined requests are answered in order on one connection", "[server]") {
  Served served;
  auto s = Connect(served.port);
  Send(s, "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string pending;
  const auto a = ReadAnswer(s, pending);
  const auto slow = ReadAnswer(s, pending);
  const auto b = ReadAnswer(s, pending);
  REQUIRE(a);
  REQUIRE(slow);
  REQUIRE(b);
  CHECK(a->body == "quick /a");
  CHECK(slow->body == "slow done");
  CHECK(b->body == "quick /b");
  CHECK(a->head.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
}

TEST_CASE("A request that blocks holds up no other connection", "[server]") {
  Served served;  // one loop, so a blocked loop would show
  auto slow = Connect(served.port);
  Send(slow, "GET /slow HTTP/1.1\r\n\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto start = Clock::now();
  auto quick = Connect(served.port);
  Send(quick, "GET /q HTTP/1.1\r\n\r\n");
  std::string pending;
  const auto answer = ReadAnswer(quick, pending);
  REQUIRE(answer);
  CHECK(answer->body == "quick /q");
  CHECK(Clock::now() - start < std::chrono::milliseconds(1000));
  std::string slow_pending;
  const auto slow_answer = ReadAnswer(slow, slow_pending);
  REQUIRE(slow_answer);
  CHECK(slow_answer->body == "slow done");
}

TEST_CASE("A request arriving a byte at a time is answered, body included", "[server]") {
  Served served;
  auto s = Connect(served.port);
  const std::string request = "POST /echo HTTP/1.1\r\nContent-Length: 11\r\n\r\nhello world";
  for (char c : request) {
    Send(s, std::string(1, c));
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  std::string pending;
  const auto answer = ReadAnswer(s, pending);
  REQUIRE(answer);
  CHECK(answer->body == "hello world");
}

TEST_CASE("A client that expects 100-continue is told to go on", "[server]") {
  Served served;
  auto s = Connect(served.port);
  Send(s, "POST /echo HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  std::string pending;
  const auto go_on = ReadAnswer(s, pending, true);
  REQUIRE(go_on);
  CHECK(go_on->head == "HTTP/1.1 100 Continue\r\n\r\n");
  Send(s, "12345");
  const auto answer = ReadAnswer(s, pending);
  REQUIRE(answer);
  CHECK(answer->status() == 200);
  CHECK(answer->body == "12345");
}

TEST_CASE("Oversized or unframeable requests are refused and the connection closed", "[server]") {
  Served served;
  struct Case {
    std::string request;
    int status;
  };
  const std::vector<Case> cases = {
      {"GET / HTTP/1.1\r\nX-Long: " + std::string(5000, 'x') + "\r\n\r\n", 431},
      {"GET / HTTP/1.1\r\nX-Long: " + std::string(5000, 'x'), 431},  // no end in sight
      {"POST /echo HTTP/1.1\r\nContent-Length: 100000\r\n\r\n", 413},
      {"POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 411},
      {std::string(100, 'A') + " / HTTP/1.1\r\n\r\n", 400},
  };
  for (const Case& c : cases) {
    INFO(c.request.substr(0, 60));
    auto s = Connect(served.port);
    Send(s, c.request);
    std::string pending;
    const auto answer = ReadAnswer(s, pending);
    REQUIRE(answer);
    CHECK(answer->status() == c.status);
    CHECK(answer->has("Connection: close"));
    CHECK(ClosedWithin(s, std::chrono::milliseconds(2000)));
  }
}

TEST_CASE("HTTP/1.0 is answered in kind and closed unless it asks to keep alive", "[server]") {
  Served served;
  {
    auto s = Connect(served.port);
    Send(s, "GET /old HTTP/1.0\r\n\r\n");
    std::string pending;
    const auto answer = ReadAnswer(s, pending);
    REQUIRE(answer);
    CHECK(answer->head.rfind("HTTP/1.0 200", 0) == 0);
    CHECK(ClosedWithin(s, std::chrono::milliseconds(1000)));
  }
  auto s = Connect(served.port);
  Send(s, "GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  std::string pending;
  const auto first = ReadAnswer(s, pending);
  REQUIRE(first);
  CHECK(first->has("Connection: Keep-Alive"));
  Send(s, "GET /again HTTP/1.1\r\n\r\n");
  const auto second = ReadAnswer(s, pending);
  REQUIRE(second);
  CHECK(second->body == "quick /again");
}

TEST_CASE("A large file reaches a slow reader whole, and HEAD sends only its length", "[server]") {
  Served served;
  auto s = Connect(served.port);
  Send(s, "HEAD /file HTTP/1.1\r\n\r\nGET /file HTTP/1.1\r\n\r\n");
  std::string pending;
  const auto head = ReadAnswer(s, pending, true);
  REQUIRE(head);
  CHECK(head->has("Content-Length: " + std::to_string(std::filesystem::file_size(served.file))));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the server meets a full socket (6 MB)
  const auto answer = ReadAnswer(s, pending);
  REQUIRE(answer);
  std::ifstream in(served.file, std::ios::binary);
  const std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(answer->body.size() == expected.size());
  CHECK(answer->body == expected);
}

TEST_CASE("Hundreds of idle connections leave the server free for a new one", "[server]") {
  Served served;  // four workers, one loop
  std::vector<Poco::Net::StreamSocket> idle;
  for (int i = 0; i < 300; ++i) {
    idle.push_back(Connect(served.port));
    if (i % 3 == 0) Send(idle.back(), "GET /x HTTP/1.1\r\n");  // a head begun, never ended
  }
  auto s = Connect(served.port);
  Send(s, "GET /fresh HTTP/1.1\r\n\r\n");
  std::string pending;
  const auto answer = ReadAnswer(s, pending);
  REQUIRE(answer);
  CHECK(answer->body == "quick /fresh");
}

TEST_CASE("Idle connections close after the keep-alive timeout, stalled ones after the request timeout", "[server]") {
  Served served;
  auto idle = Connect(served.port);
  auto stalled = Connect(served.port);
  Send(stalled, "GET /x HTTP/1.1\r\n");
  const auto start = Clock::now();
  CHECK(ClosedWithin(idle, std::chrono::milliseconds(5000)));
  const auto idle_for = Clock::now() - start;
  CHECK(idle_for >= std::chrono::milliseconds(1400));
  CHECK(idle_for < std::chrono::milliseconds(3500));
  CHECK(ClosedWithin(stalled, std::chrono::milliseconds(6000)));
  CHECK(Clock::now() - start >= std::chrono::milliseconds(2900));
}

TEST_CASE("Stopping lets a request being answered finish and send its answer", "[server]") {
  Served served;
  auto s = Connect(served.port);
  Send(s, "GET /slow HTTP/1.1\r\n\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  served.server->Stop();
  CHECK(served.answerer.slow_answered == 1);
  std::string pending;
  const auto answer = ReadAnswer(s, pending);
  REQUIRE(answer);
  CHECK(answer->body == "slow done");
  CHECK(answer->has("Connection: close"));
}

namespace {

// A client socket made before the limit is tightened (so that it needs no
// descriptor later), connected afterwards.
struct RawClient {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  RawClient() = default;
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;
  ~RawClient() { Close(); }
  void Close() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  bool Connect(std::uint16_t port) const {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  // Everything until the peer closes or 5 s pass.
  std::string Exchange(const std::string& request) const {
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string got;
    char buffer[4096];
    while (got.find("quick /late") == std::string::npos) {
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      got.append(buffer, static_cast<std::size_t>(n));
    }
    return got;
  }
};

}  // namespace

TEST_CASE("Out of file descriptors, the server waits instead of spinning, then accepts again", "[server]") {
  Served served;
  std::vector<RawClient> clients(10);
  for (const RawClient& c : clients) REQUIRE(c.fd >= 0);
  // The limit at the highest descriptor in use, with every free number below
  // it taken: the server has no descriptor left for what it accepts.
  rlimit saved{};
  REQUIRE(getrlimit(RLIMIT_NOFILE, &saved) == 0);
  int highest = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd"))
    highest = std::max(highest, std::stoi(entry.path().filename().string()));
  rlimit tight = saved;
  tight.rlim_cur = static_cast<rlim_t>(highest + 1);
  REQUIRE(setrlimit(RLIMIT_NOFILE, &tight) == 0);
  std::vector<int> fillers;
  for (int fd; (fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0;) fillers.push_back(fd);
  for (const RawClient& c : clients) CHECK(c.Connect(served.port));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const double cpu_before = sovang::ProcessCpuSeconds();
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  const double cpu_spent = sovang::ProcessCpuSeconds() - cpu_before;
  // Descriptors come free: the server accepts again, and answers.
  for (int fd : fillers) ::close(fd);
  setrlimit(RLIMIT_NOFILE, &saved);
  const std::string answer = clients.back().Exchange("GET /late HTTP/1.1\r\n\r\n");
  CHECK(cpu_spent < 0.3);  // a spinning loop would take the whole second
  CHECK(answer.find("quick /late") != std::string::npos);
}
