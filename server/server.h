#pragma once
// The HTTP server of an archive: the JSON API under /api/ and the web pages
// (web/) under /. Poco stays inside server/; this header is all `sovang serve`
// and the tests need.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "server/search_cache.h"

namespace sovang::server {

struct ServerOptions {
  std::filesystem::path data_dir;          // the archive (--data DIR)
  std::string listen = "127.0.0.1:8080";   // host:port; port 0 picks a free port
  std::string public_url;                  // how users reach it; default http://<listen>
  // The static web pages. Default: $SOVANG_WEB_DIR, else the source tree's
  // web/ (a path compiled in).
  std::filesystem::path web_dir;
  // Worker threads for the requests that may block (a search, a login, a
  // write); connections themselves are served by one event loop per core
  // (server/event_server.h) and cost no thread.
  int max_threads = 64;
  int max_queued = 1024;  // the listening socket's backlog
  // Lets every staff route through without a login, as an "open-access"
  // admin. For tests and early development only: never on a real archive.
  bool open_access = false;
  // Logs one line per request to stderr (method, path, status, ms). Off in
  // tests. Queries are never logged: they hold people's names.
  bool access_log = false;
  // Public verification lookups a minute per client address (bursts of up to
  // 10); 0 turns the limit off, e.g. behind a proxy that limits, or for a
  // load test from one address. Past it: 429 with Retry-After.
  int verify_per_minute = 30;
  // Memory for recent search answers (server/search_cache.h), kept deflated
  // until the index changes; 0 turns the cache off.
  int search_cache_mib = 64;
};

// The options with defaults filled in: web_dir resolved, public_url set.
// `port` replaces a port 0 in the default public URL.
ServerOptions ResolveOptions(const ServerOptions& options, std::uint16_t port = 0);

class Server {
 public:
  // Opens the archive (creating an empty one if missing), binds and starts
  // serving on background threads. Throws sovang::Error (kIo when the
  // address cannot be bound, kStore/kIndex when the archive cannot be opened).
  static Server Start(const ServerOptions& options);
  Server(Server&&) noexcept;
  Server& operator=(Server&&) noexcept;
  ~Server();  // Stop()

  std::uint16_t port() const;
  // Where it listens: http://host:port/ (the real port when listen asked for 0).
  const std::string& url() const;
  // How the search answer cache has done since the start.
  SearchCache::Stats search_cache_stats() const;
  // Stops accepting, closes connections, waits for the threads. Idempotent.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Starts a server, prints its URL on stdout, and blocks until SIGINT or
// SIGTERM; then stops cleanly. Used by `sovang serve`.
void ServeUntilSignal(const ServerOptions& options);

}  // namespace sovang::server
