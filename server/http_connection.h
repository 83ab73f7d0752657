#pragma once
// HTTP/1.1 keep-alive connections for Poco's TCPServer, served as Poco's own
// HTTPServerConnection serves them except for how a connection waits for its
// next request.
//
// Poco 1.11 (HTTPServerSession::hasMoreRequests) polls the socket before
// every request to apply the keep-alive timeout, and each poll builds and
// closes an epoll set: four system calls a request, 16% of the server's CPU
// under verification load. Here the wait is the blocking read of the next
// request itself, bounded by the socket's receive timeout (the keep-alive
// timeout, which therefore also bounds a stall inside a request).

#include <memory>

#include <Poco/BasicEvent.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

namespace sovang::server {

// Shared by the factory and its connections (a connection may end after the
// factory's owner let go of it).
using StopEvent = Poco::BasicEvent<const bool>;

class KeepAliveConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
 public:
  KeepAliveConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                             Poco::Net::HTTPRequestHandlerFactory::Ptr handlers);

  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override;

  // Ends every open connection (its socket is shut down, a request being
  // handled finishes first). Call after TCPServer::stop(), as HTTPServer's
  // stopAll(true) does.
  void StopConnections();

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  std::shared_ptr<StopEvent> stop_;
};

}  // namespace sovang::server
