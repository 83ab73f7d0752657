// Accepted connections answer their addresses from what accept() returned
// (and one look-up of the local address), not a system call each time.

#include "server/address_caching_socket.h"

#include <catch2/catch.hpp>

#include <Poco/Net/StreamSocket.h>

using sovang::server::AddressCachingServerSocket;

TEST_CASE("An accepted connection knows both its addresses, even after the client left", "[server]") {
  AddressCachingServerSocket listener;
  listener.bind(Poco::Net::SocketAddress("127.0.0.1", 0), true);
  listener.listen();
  Poco::Net::StreamSocket client;
  client.connect(Poco::Net::SocketAddress("127.0.0.1", listener.address().port()));
  Poco::Net::SocketAddress from;
  Poco::Net::StreamSocket accepted = listener.acceptConnection(from);
  CHECK(from == client.address());
  CHECK(accepted.peerAddress() == client.address());
  CHECK(accepted.address() == client.peerAddress());
  client.close();
  // getpeername would fail on a socket whose peer is gone on some systems;
  // the address stays known.
  CHECK(accepted.peerAddress() == from);
  CHECK(accepted.address().port() == listener.address().port());
}
