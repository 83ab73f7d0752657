#pragma once
// A listening socket whose accepted connections know their two addresses.
//
// Poco 1.11's HTTPServerRequestImpl asks the socket for the client's and the
// server's address for every request: a getpeername and a getsockname system
// call each time, two of a verification's ~8 (system calls are dear on this
// VM). A connection's addresses do not change: the client's is what accept()
// returned, the local one is asked for once.

#include <Poco/Net/ServerSocket.h>

namespace sovang::server {

class AddressCachingServerSocket : public Poco::Net::ServerSocket {
 public:
  AddressCachingServerSocket();
};

}  // namespace sovang::server
