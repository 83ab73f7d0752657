#include "server/http_connection.h"

#include <atomic>
#include <memory>

#include <Poco/Delegate.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Timestamp.h>

namespace sovang::server {

namespace {

using Poco::Net::HTTPResponse;

class KeepAliveConnection final : public Poco::Net::TCPServerConnection {
 public:
  KeepAliveConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                      Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, std::shared_ptr<StopEvent> stop)
      : TCPServerConnection(socket), params_(std::move(params)), handlers_(std::move(handlers)), stop_(std::move(stop)) {
    *stop_ += Poco::delegate(this, &KeepAliveConnection::OnServerStopped);
  }
  ~KeepAliveConnection() override {
    try {
      *stop_ -= Poco::delegate(this, &KeepAliveConnection::OnServerStopped);
    } catch (...) {
    }
  }

  void run() override {
    Poco::Net::HTTPServerSession session(socket(), params_);
    socket().setReceiveTimeout(params_->getKeepAliveTimeout());
    const std::string server = params_->getSoftwareVersion();
    const int max_requests = params_->getMaxKeepAliveRequests();  // <= 0: no limit
    int served = 0;
    bool more = true;
    while (more && !stopped_) {
      try {
        Poco::Net::HTTPServerResponseImpl response(session);
        Poco::Net::HTTPServerRequestImpl request(response, session, params_);  // waits for the request
        ++served;
        const bool may_keep = params_->getKeepAlive() && (max_requests <= 0 || served < max_requests);
        response.setDate(Poco::Timestamp());
        response.setVersion(request.getVersion());
        response.setKeepAlive(may_keep && request.getKeepAlive());
        if (!server.empty()) response.set("Server", server);
        more = Handle(session, request, response) && may_keep && response.getKeepAlive();
        session.setKeepAlive(more);
      } catch (const Poco::Net::NoMessageException&) {
        break;  // the client closed the connection between requests
      } catch (const Poco::Net::MessageException&) {
        SendError(session, HTTPResponse::HTTP_BAD_REQUEST);
        break;
      } catch (const Poco::TimeoutException&) {
        break;  // idle past the keep-alive timeout
      } catch (const Poco::IOException&) {
        break;  // reset by the peer (Poco::Net::NetException is one)
      }
    }
  }

 private:
  // Whether the connection may go on.
  bool Handle(Poco::Net::HTTPServerSession& session, Poco::Net::HTTPServerRequestImpl& request,
              Poco::Net::HTTPServerResponseImpl& response) {
    std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(handlers_->createRequestHandler(request));
    if (!handler) {
      SendError(session, HTTPResponse::HTTP_NOT_IMPLEMENTED);
      return false;
    }
    try {
      if (request.getExpectContinue() && response.getStatus() == HTTPResponse::HTTP_OK) response.sendContinue();
      handler->handleRequest(request, response);
      return true;
    } catch (const Poco::Exception&) {
      if (!response.sent()) {
        try {
          SendError(session, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
        } catch (...) {
        }
      }
      return false;
    }
  }

  static void SendError(Poco::Net::HTTPServerSession& session, HTTPResponse::HTTPStatus status) {
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(status);
    response.setKeepAlive(false);
    response.send();
    session.setKeepAlive(false);
  }

  void OnServerStopped(const bool&) {
    stopped_ = true;
    try {
      socket().shutdown();  // wakes a read waiting for the next request
    } catch (...) {
    }
  }

  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  std::shared_ptr<StopEvent> stop_;
  std::atomic<bool> stopped_{false};
};

}  // namespace

KeepAliveConnectionFactory::KeepAliveConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                                                       Poco::Net::HTTPRequestHandlerFactory::Ptr handlers)
    : params_(std::move(params)), handlers_(std::move(handlers)), stop_(std::make_shared<StopEvent>()) {}

Poco::Net::TCPServerConnection* KeepAliveConnectionFactory::createConnection(const Poco::Net::StreamSocket& socket) {
  return new KeepAliveConnection(socket, params_, handlers_, stop_);
}

void KeepAliveConnectionFactory::StopConnections() { stop_->notify(this, true); }

}  // namespace sovang::server
