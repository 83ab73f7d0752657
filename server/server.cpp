#include "server/server.h"

#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include "core/archive_layout.h"
#include "core/error.h"
#include "server/address_caching_socket.h"
#include "server/app_context.h"
#include "server/dispatcher.h"
#include "server/http_connection.h"
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

// Reads the request body for a handler, refusing more than the limit.
class BodyReader {
 public:
  explicit BodyReader(Poco::Net::HTTPServerRequest& request) : request_(request) {}

  bool has_body() const {
    return request_.getChunkedTransferEncoding() ||
           (request_.hasContentLength() && request_.getContentLength64() > 0);
  }
  bool fully_read() const { return fully_read_; }

  std::string Read(std::size_t limit) {
    if (!has_body()) {
      fully_read_ = true;
      return {};
    }
    if (request_.hasContentLength() && static_cast<std::uint64_t>(request_.getContentLength64()) > limit) {
      throw Error(Errc::kTooLarge, "request body larger than " + std::to_string(limit) + " bytes");
    }
    std::string body;
    std::istream& in = request_.stream();
    char buffer[16384];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
      body.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (body.size() > limit) throw Error(Errc::kTooLarge, "request body larger than " + std::to_string(limit) + " bytes");
    }
    fully_read_ = true;
    return body;
  }

 private:
  Poco::Net::HTTPServerRequest& request_;
  bool fully_read_ = false;
};

class PocoHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  PocoHandler(const Dispatcher& dispatcher, bool access_log) : dispatcher_(dispatcher), access_log_(access_log) {}

  void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res) override {
    const auto start = std::chrono::steady_clock::now();
    BodyReader body(req);
    Response response;
    std::string path_for_log;
    try {
      RequestData data;
      data.method = req.getMethod();
      data.client_address = req.clientAddress().host().toString();
      for (const auto& [name, value] : req) data.headers.emplace_back(name, value);
      data.read_body = [&body](std::size_t limit) { return body.Read(limit); };
      std::optional<Error> bad_target;
      try {
        ParseRequestTarget(req.getURI(), data.path, data.query);
      } catch (const Error& e) {
        bad_target = e;
        data.path = "/";  // answered with the error page, never routed
        data.query.clear();
      }
      path_for_log = data.path;
      Request request(std::move(data));
      if (bad_target) {
        dispatcher_.HandleError(request, response, *bad_target);
      } else {
        dispatcher_.Handle(request, response);
      }
    } catch (const Error& e) {
      response.JsonError(e.code(), e.what());
    } catch (...) {
      response.JsonError(Errc::kInternal, "internal error");
    }
    Send(req, res, response, body);
    if (access_log_) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
      std::cerr << req.clientAddress().host().toString() << " " << req.getMethod() << " " << path_for_log << " "
                << response.status() << " " << ms.count() << "ms\n";
    }
  }

 private:
  static void Send(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& res, const Response& response,
                   const BodyReader& body) {
    try {
      // An unread body would be parsed as the next request: close instead.
      if (body.has_body() && !body.fully_read()) res.setKeepAlive(false);
      res.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status()));
      for (const auto& [name, value] : response.headers()) res.add(name, value);
      if (response.file()) {
        try {
          res.sendFile(response.file()->string(), response.content_type());
          return;
        } catch (const Poco::FileException&) {
          // Vanished between the check and now: nothing was sent yet.
          res.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
          const std::string msg = R"({"error":{"code":"not_found","message":"file vanished"}})";
          res.setContentType(std::string(kJsonContentType));
          res.setContentLength(static_cast<std::streamsize>(msg.size()));
          res.sendBuffer(msg.data(), msg.size());
          return;
        }
      }
      if (!response.content_type().empty()) res.setContentType(response.content_type());
      res.setContentLength(static_cast<std::streamsize>(response.body().size()));
      res.sendBuffer(response.body().data(), response.body().size());
    } catch (const Poco::Exception& e) {
      // The client went away mid-response: nothing left to tell it.
      if (!res.sent()) std::cerr << "sovang serve: cannot send response: " << e.displayText() << "\n";
    } catch (const std::exception& e) {
      std::cerr << "sovang serve: cannot send response: " << e.what() << "\n";
    }
  }

  const Dispatcher& dispatcher_;
  bool access_log_;
};

class HandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  HandlerFactory(const Dispatcher& dispatcher, bool access_log) : dispatcher_(dispatcher), access_log_(access_log) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new PocoHandler(dispatcher_, access_log_);  // Poco owns and deletes it
  }

 private:
  const Dispatcher& dispatcher_;
  bool access_log_;
};

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
  std::unique_ptr<Poco::ThreadPool> threads;
  Poco::SharedPtr<KeepAliveConnectionFactory> connections;
  std::unique_ptr<Poco::Net::TCPServer> http;  // after what it uses: destroyed first
  std::uint16_t port = 0;
  std::string url;
  bool stopped = false;

  ~Impl() { Stop(); }

  void Stop() {
    if (stopped || !http) return;
    stopped = true;
    http->stop();                    // no new connections
    connections->StopConnections();  // open ones end
    threads->joinAll();
    // No request runs now. The routes own state with work of its own (the
    // verification log's writer): dropping them lets it finish, so that
    // what Stop() returns to finds every lookup logged.
    router = Router();
  }
};

Server Server::Start(const ServerOptions& requested) {
  IgnoreSigpipe();
  auto impl = std::make_unique<Impl>();

  AddressCachingServerSocket socket;
  try {
    socket.bind(ParseListen(requested.listen), /*reuseAddress=*/true);
    socket.listen(std::max(64, requested.max_queued));
  } catch (const Poco::Exception& e) {
    throw Error(Errc::kIo, "cannot listen on " + requested.listen + ": " + e.displayText());
  }
  impl->port = socket.address().port();
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

  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;  // shared by the server and its connections
  params->setMaxThreads(options.max_threads);
  params->setMaxQueued(options.max_queued);
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));
  params->setMaxKeepAliveRequests(1000);
  params->setTimeout(Poco::Timespan(30, 0));
  params->setThreadIdleTime(Poco::Timespan(60, 0));
  impl->threads = std::make_unique<Poco::ThreadPool>(2, options.max_threads, 60);
  try {
    impl->connections = new KeepAliveConnectionFactory(
        params, new HandlerFactory(*impl->dispatcher, options.access_log));
    impl->http = std::make_unique<Poco::Net::TCPServer>(impl->connections, *impl->threads, socket, params);
    impl->http->start();
  } catch (const Poco::Exception& e) {
    throw Error(Errc::kIo, "cannot start the HTTP server: " + e.displayText());
  }
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
