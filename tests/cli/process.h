#pragma once
// Running the real `sovang` binary from tests: one-shot commands and a server
// process on a loopback port, plus a minimal HTTP/1.1 client over a socket.

#include <map>
#include <string>
#include <vector>

namespace sovang::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs argv with `stdin_text` on its standard input and waits for it.
CommandResult Run(const std::vector<std::string>& argv, const std::string& stdin_text = "");

// A child process whose first stdout line is read (a server printing its URL).
class ServerProcess {
 public:
  explicit ServerProcess(const std::vector<std::string>& argv);
  ~ServerProcess();  // SIGTERM, then waits
  const std::string& first_line() const { return first_line_; }
  int Stop();        // SIGTERM and wait; the exit code

 private:
  int pid_ = -1;
  std::string first_line_;
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// One request on a fresh connection to 127.0.0.1:port.
HttpResponse Http(int port, const std::string& method, const std::string& target,
                  const std::map<std::string, std::string>& headers = {}, const std::string& body = "");

// Percent-encodes a query parameter value (UTF-8).
std::string UrlEncode(const std::string& s);

}  // namespace sovang::test
