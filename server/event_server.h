#pragma once
// The server's connections, served from a few event loops instead of a thread
// each.
//
// Poco 1.11's TCPServer holds a thread per keep-alive connection: each
// request wakes its connection's thread, and under load that wake-up and the
// switches it brings cost more CPU than a verification itself (kernel 35% of
// the server's CPU, `finish_task_switch` alone 12%). Here one loop per core
// waits on all its connections at once (epoll), reads and frames requests
// (server/http_wire.h: Poco parses the head) and answers the quick ones (a
// certificate's verification, a search answer kept in the cache, a static
// file) itself; a request that may block (a search, a login's argon2, a
// write waiting for SQLite's lock) goes to a pool of worker threads, whose
// answer the loop then sends on. Poco's SocketReactor was not used: in 1.11
// it copies its observer list and allocates a map for every poll.
//
// Connections are keep-alive HTTP/1.1 (1.0 answered in kind), pipelining
// answered in order; a connection idle past the keep-alive timeout, or whose
// request or answer does not move for the request timeout, is closed.

#include <chrono>
#include <cstddef>
#include <memory>

#include "core/server_activity.h"
#include "server/http.h"
#include "server/http_wire.h"

namespace sovang::server {

struct EventServerOptions {
  int loops = 0;     // event loops; 0: one per core
  int workers = 64;  // threads for requests that may block
  std::chrono::milliseconds keep_alive{5000};
  std::chrono::milliseconds request_timeout{30000};
  std::size_t max_head_bytes = 64 * 1024;   // beyond: 431
  std::size_t max_body_bytes = 1 << 20;     // beyond: 413
  std::size_t max_connections = 10000;      // beyond: closed at once
  // Told when requests are being answered (a loop's batch of events, a
  // worker's request), for other processes on the archive; optional.
  ServerActivity* activity = nullptr;
};

// Answers requests. On an event loop it is called with quick_only = true and
// must not block: it answers and returns true, or returns false without
// answering to have the request answered on a worker (quick_only = false,
// where it always answers). It must not throw.
class RequestAnswerer {
 public:
  virtual ~RequestAnswerer() = default;
  virtual bool Answer(const FramedRequest& request, Response& response, bool quick_only) = 0;
};

class EventServer {
 public:
  // Serves the listening socket `listen_fd` (bound and listening; the caller
  // keeps it open until this is destroyed) with `answerer`.
  EventServer(int listen_fd, RequestAnswerer& answerer, const EventServerOptions& options);
  ~EventServer();  // Stop()
  EventServer(const EventServer&) = delete;
  EventServer& operator=(const EventServer&) = delete;

  // Stops accepting, lets the requests being answered finish and send their
  // answers, then closes every connection. Idempotent.
  void Stop();

  struct Impl;  // shared with the .cpp's loops

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace sovang::server
