#pragma once
// What the server tests share: temp archives filled through the store and
// the index, PNG pages, a server on a loopback port and a small HTTP client.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/record.h"
#include "server/server.h"

namespace sovang::server_test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A valid greyscale PNG of the given size: white, with a dark rule every
// `rule_every` rows (a ledger-like page).
std::string PngBytes(int width, int height, int rule_every = 100);

// A record of a person on a page (page_id 0: not from a page).
Record Person(const std::string& id, const std::string& full_name, int birth_year, const std::string& commune,
              const std::string& district, const std::string& award, const std::string& decision_number,
              const std::string& decision_date, std::int64_t page_id = 0, Box bbox = {});

// An archive in a temp dir, filled through store::Sources, store::Records and
// ingest::SyncIndex like an ingest would.
class TestArchive {
 public:
  TestArchive();
  const std::filesystem::path& dir() const { return dir_; }

  // A source file with one page image (PNG) of that size; the page's id.
  std::int64_t AddPage(const std::string& file_name, int width, int height);
  // The SHA-256 of the source AddPage made for a page.
  const std::string& sha_of_page(std::int64_t page_id) const { return page_sha_.at(page_id); }
  // Stores a record (its source fields are completed from its page).
  void Put(Record record);
  // Applies the store's outbox to the index.
  void Index();

 private:
  TempDir tmp_;
  std::filesystem::path dir_;
  std::map<std::int64_t, std::string> page_sha_;
  std::map<std::int64_t, std::string> page_file_;
  int sources_ = 0;
};

// Options for a test server over `archive`: 127.0.0.1:0, the source tree's
// web/ (or `web_dir`), no access log.
server::ServerOptions TestOptions(const std::filesystem::path& archive, bool open_access,
                                  const std::filesystem::path& web_dir = {});

struct HttpResult {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string header(const std::string& lower_case_name) const;
};

// One request on a fresh connection to 127.0.0.1:port. The target is sent
// exactly as given.
HttpResult Http(std::uint16_t port, const std::string& method, const std::string& target,
                const std::map<std::string, std::string>& headers = {}, const std::string& body = "");
inline HttpResult Get(std::uint16_t port, const std::string& target) { return Http(port, "GET", target); }

// Several requests over one keep-alive connection.
class HttpConnection {
 public:
  explicit HttpConnection(std::uint16_t port);
  ~HttpConnection();
  HttpResult Request(const std::string& method, const std::string& target,
                     const std::map<std::string, std::string>& headers = {}, const std::string& body = "");

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Percent-encodes a query parameter value.
std::string UrlEncode(const std::string& s);

}  // namespace sovang::server_test
