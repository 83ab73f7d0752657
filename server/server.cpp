#include "server/server.h"

#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>

#include <Poco/Exception.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include "core/archive_layout.h"
#include "core/error.h"
#include "core/server_activity.h"
#include "server/app_context.h"
#include "server/dispatcher.h"
#include "server/event_server.h"
#include "server/route_groups.h"
#include "server/router.h"

#ifndef SOVANG_WEB_DIR_DEFAULT
#define SOVANG_WEB_DIR_DEFAULT "web"
#endif

namespace sovang::server {

namespace {

Poco::Net::SocketAddress ParseListen(const std::string& listen) {
  try {
    return Poco::Net::SocketAddress(listen);
  } catch (const Poco::Exception& e) {
    throw Error(Errc::kInvalidArgument, "cannot parse listen address '" + listen + "': " + e.displayText());
  }
}

// Requests framed by the event loops (server/event_server.h), answered by
// the dispatcher.
class DispatchingAnswerer final : public RequestAnswerer {
 public:
  DispatchingAnswerer(const Dispatcher& dispatcher, bool access_log)
      : dispatcher_(dispatcher), access_log_(access_log) {}

  bool Answer(const FramedRequest& in, Response& response, bool quick_only) override {
    const auto start = std::chrono::steady_clock::now();
    std::string path_for_log;
    try {
      RequestData data;
      data.method = in.method;
      data.client_address = in.client_address;
      data.headers = in.headers;
      if (!in.body.empty()) {
        data.read_body = [&in](std::size_t limit) {
          if (in.body.size() > limit)
            throw Error(Errc::kTooLarge, "request body larger than " + std::to_string(limit) + " bytes");
          return in.body;
        };
      }
      std::optional<Error> bad_target;
      try {
        ParseRequestTarget(in.target, data.path, data.query);
      } catch (const Error& e) {
        bad_target = e;
        data.path = "/";  // answered with the error page, never routed
        data.query.clear();
      }
      path_for_log = data.path;
      Request request(std::move(data));
      if (bad_target) {
        dispatcher_.HandleError(request, response, *bad_target);
      } else if (!dispatcher_.Answer(request, response, quick_only)) {
        return false;
      }
    } catch (const Error& e) {
      response.JsonError(e.code(), e.what());
    } catch (...) {
      response.JsonError(Errc::kInternal, "internal error");
    }
    if (access_log_) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
      std::cerr << in.client_address << " " << in.method << " " << path_for_log << " " << response.status() << " "
                << ms.count() << "ms\n";
    }
    return true;
  }

 private:
  const Dispatcher& dispatcher_;
  bool access_log_;
};

// Each connection is a file descriptor: the usual soft limit (1024) would cap
// a busy server far below what its event loops hold. Raised to the hard
// limit, as servers do.
void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

void IgnoreSigpipe() {
  struct sigaction current {};
  if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, nullptr);
  }
}

}  // namespace

ServerOptions ResolveOptions(const ServerOptions& options, std::uint16_t port) {
  ServerOptions o = options;
  if (o.data_dir.empty()) o.data_dir = DefaultArchiveDir();
  if (o.web_dir.empty()) {
    const char* env = std::getenv("SOVANG_WEB_DIR");
    o.web_dir = env && *env ? std::filesystem::path(env) : std::filesystem::path(SOVANG_WEB_DIR_DEFAULT);
  }
  if (o.public_url.empty()) {
    const Poco::Net::SocketAddress address = ParseListen(o.listen);
    std::string host = address.host().toString();
    if (address.host().isWildcard()) host = "localhost";
    if (address.family() == Poco::Net::SocketAddress::IPv6 && !address.host().isWildcard()) host = "[" + host + "]";
    const std::uint16_t shown = address.port() == 0 ? port : address.port();
    o.public_url = "http://" + host + ":" + std::to_string(shown);
  }
  while (!o.public_url.empty() && o.public_url.back() == '/') o.public_url.pop_back();
  if (o.max_threads < 1) o.max_threads = 1;
  if (o.max_queued < 1) o.max_queued = 1;
  return o;
}

struct Server::Impl {
  std::unique_ptr<AppContext> app;
  Router router;
  std::unique_ptr<Dispatcher> dispatcher;
  std::unique_ptr<DispatchingAnswerer> answerer;
  Poco::Net::ServerSocket socket;
  std::unique_ptr<ServerActivity> activity;  // told to the ingest (core/server_activity.h)
  std::unique_ptr<EventServer> http;         // after what it uses: destroyed first
  std::uint16_t port = 0;
  std::string url;
  bool stopped = false;

  ~Impl() { Stop(); }

  void Stop() {
    if (stopped || !http) return;
    stopped = true;
    http->Stop();  // no request runs after this
    // The routes own state with work of its own (the verification log's
    // writer): dropping them lets it finish, so that what Stop() returns to
    // finds every lookup logged.
    router = Router();
  }
};

Server Server::Start(const ServerOptions& requested) {
  IgnoreSigpipe();
  RaiseOpenFileLimit();
  auto impl = std::make_unique<Impl>();

  try {
    impl->socket.bind(ParseListen(requested.listen), /*reuseAddress=*/true);
    impl->socket.listen(std::max(64, requested.max_queued));
  } catch (const Poco::Exception& e) {
    throw Error(Errc::kIo, "cannot listen on " + requested.listen + ": " + e.displayText());
  }
  impl->port = impl->socket.address().port();
  ServerOptions options = ResolveOptions(requested, impl->port);
  {
    // Where this process listens (public_url may be a proxy in front of it).
    ServerOptions local = requested;
    local.public_url.clear();
    impl->url = ResolveOptions(local, impl->port).public_url + "/";
  }

  impl->app = std::make_unique<AppContext>(options);
  RegisterAllRoutes(impl->router, *impl->app);
  impl->dispatcher = std::make_unique<Dispatcher>(*impl->app, impl->router);
  impl->answerer = std::make_unique<DispatchingAnswerer>(*impl->dispatcher, options.access_log);

  EventServerOptions events;
  events.workers = options.max_threads;
  events.keep_alive = std::chrono::seconds(5);
  events.request_timeout = std::chrono::seconds(30);
  impl->activity = ServerActivity::Open(ArchiveLayout(options.data_dir), /*create=*/true);
  events.activity = impl->activity.get();
  impl->http = std::make_unique<EventServer>(impl->socket.impl()->sockfd(), *impl->answerer, events);
  return Server(std::move(impl));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::Server(Server&&) noexcept = default;
Server& Server::operator=(Server&&) noexcept = default;
Server::~Server() = default;

std::uint16_t Server::port() const { return impl_->port; }
const std::string& Server::url() const { return impl_->url; }
SearchCache::Stats Server::search_cache_stats() const { return impl_->app->search_cache().stats(); }

void Server::Stop() {
  if (impl_) impl_->Stop();
}

void ServeUntilSignal(const ServerOptions& options) {
  // Block the signals before any thread starts, so every thread inherits the
  // mask and only sigwait below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &signals, &previous);

  Server server = Server::Start(options);
  // The first line on stdout is the URL alone: scripts and tests read it.
  std::cout << server.url() << "\n" << std::flush;
  const ServerOptions resolved = ResolveOptions(options, server.port());
  std::cerr << "sovang serve: archive " << resolved.data_dir.string() << ", pages " << resolved.web_dir.string()
            << (resolved.open_access ? ", OPEN ACCESS (no login)" : "") << "; Ctrl-C stops\n";
  int received = 0;
  sigwait(&signals, &received);
  std::cerr << "sovang serve: stopping\n";
  server.Stop();
  if (resolved.search_cache_mib > 0) {
    const SearchCache::Stats cache = server.search_cache_stats();
    std::cerr << "sovang serve: search answers from the cache " << cache.hits << ", searched " << cache.misses
              << " (" << cache.entries << " answers kept, " << (cache.bytes >> 20) << " MiB)\n";
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

}  // namespace sovang::server
