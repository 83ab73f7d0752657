#include "server/address_caching_socket.h"

#include <sys/socket.h>

#include <cerrno>
#include <optional>

#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocketImpl.h>
#include <Poco/Net/StreamSocketImpl.h>

namespace sovang::server {

namespace {

class AddressCachingStreamSocketImpl final : public Poco::Net::StreamSocketImpl {
 public:
  AddressCachingStreamSocketImpl(poco_socket_t fd, const Poco::Net::SocketAddress& peer)
      : StreamSocketImpl(fd), peer_(peer) {}

  Poco::Net::SocketAddress peerAddress() override { return peer_; }
  Poco::Net::SocketAddress address() override {
    if (!local_) local_ = StreamSocketImpl::address();
    return *local_;
  }

 private:
  ~AddressCachingStreamSocketImpl() override = default;  // reference counted

  const Poco::Net::SocketAddress peer_;
  std::optional<Poco::Net::SocketAddress> local_;  // used by one thread at a time, like the socket
};

class AddressCachingServerSocketImpl final : public Poco::Net::ServerSocketImpl {
 public:
  // What SocketImpl::acceptConnection does, with the address kept.
  Poco::Net::SocketImpl* acceptConnection(Poco::Net::SocketAddress& client) override {
    if (sockfd() == POCO_INVALID_SOCKET) throw Poco::Net::InvalidSocketException();
    sockaddr_storage buffer{};
    auto* address = reinterpret_cast<sockaddr*>(&buffer);
    poco_socklen_t length = sizeof(buffer);
    poco_socket_t fd;
    do {
      length = sizeof(buffer);
      fd = ::accept(sockfd(), address, &length);
    } while (fd == POCO_INVALID_SOCKET && errno == EINTR);
    if (fd == POCO_INVALID_SOCKET) error();  // throws
    client = Poco::Net::SocketAddress(address, length);
    return new AddressCachingStreamSocketImpl(fd, client);
  }

 private:
  ~AddressCachingServerSocketImpl() override = default;
};

}  // namespace

AddressCachingServerSocket::AddressCachingServerSocket() : ServerSocket(new AddressCachingServerSocketImpl, true) {}

}  // namespace sovang::server
