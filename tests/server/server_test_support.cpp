#include "server_test_support.h"

#include "core/server_activity.h"

#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <random>
#include <sstream>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "core/archive_layout.h"
#include "index/indexer.h"
#include "ingest/index_sync.h"
#include "store/database.h"
#include "store/records.h"
#include "store/sources.h"

namespace sovang::server_test {

namespace fs = std::filesystem;

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  path_ = fs::temp_directory_path() /
          ("sovang-server-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
           std::to_string(rd() % 100000));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  // A server started on the dir (or its archive/) made its activity's shared memory.
  ServerActivity::Remove(ArchiveLayout(path_));
  ServerActivity::Remove(ArchiveLayout(path_ / "archive"));
  std::error_code ec;
  fs::remove_all(path_, ec);
}

namespace {

std::uint32_t Crc32(const std::string& data) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void PutBe32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

void Chunk(std::string& png, const std::string& type, const std::string& data) {
  PutBe32(png, static_cast<std::uint32_t>(data.size()));
  const std::string body = type + data;
  png += body;
  PutBe32(png, Crc32(body));
}

}  // namespace

std::string PngBytes(int width, int height, int rule_every) {
  std::string raw;
  raw.reserve(static_cast<std::size_t>(height) * (width + 1));
  for (int y = 0; y < height; ++y) {
    raw += '\0';  // filter: none
    const bool rule = rule_every > 0 && y % rule_every == 0;
    for (int x = 0; x < width; ++x) raw += static_cast<char>(rule || x == 0 || x == width - 1 ? 40 : 250);
  }
  // zlib stream of stored (uncompressed) deflate blocks.
  std::string z = "\x78\x01";
  std::size_t pos = 0;
  do {
    const std::size_t n = std::min<std::size_t>(65535, raw.size() - pos);
    const bool last = pos + n == raw.size();
    z += static_cast<char>(last ? 1 : 0);
    z += static_cast<char>(n & 0xFF);
    z += static_cast<char>((n >> 8) & 0xFF);
    z += static_cast<char>(~n & 0xFF);
    z += static_cast<char>((~n >> 8) & 0xFF);
    z.append(raw, pos, n);
    pos += n;
  } while (pos < raw.size());
  std::uint32_t a = 1, b = 0;
  for (unsigned char c : raw) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  PutBe32(z, (b << 16) | a);

  std::string png = "\x89PNG\r\n\x1a\n";
  std::string ihdr;
  PutBe32(ihdr, static_cast<std::uint32_t>(width));
  PutBe32(ihdr, static_cast<std::uint32_t>(height));
  ihdr += std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit grey, deflate, no filter, no interlace
  Chunk(png, "IHDR", ihdr);
  Chunk(png, "IDAT", z);
  Chunk(png, "IEND", "");
  return png;
}

Record Person(const std::string& id, const std::string& full_name, int birth_year, const std::string& commune,
              const std::string& district, const std::string& award, const std::string& decision_number,
              const std::string& decision_date, std::int64_t page_id, Box bbox) {
  Record r;
  r.id = id;
  auto set = [&r](FieldId f, const std::string& v) {
    if (v.empty()) return;
    r[f].verbatim = v;
    r[f].value = v;
    r[f].confidence = 0.95;
  };
  set(FieldId::kFullName, full_name);
  set(FieldId::kBirthYear, birth_year ? std::to_string(birth_year) : "");
  set(FieldId::kCommune, commune);
  set(FieldId::kDistrict, district);
  set(FieldId::kProvince, "Lạng Sơn");
  set(FieldId::kAward, award);
  set(FieldId::kDecisionNumber, decision_number);
  set(FieldId::kDecisionDate, decision_date);
  r.kind = page_id ? PageKind::kLedger : PageKind::kCsv;
  r.source.page_id = page_id;
  r.source.bbox = bbox;
  UpdateRecordConfidence(r);
  return r;
}

TestArchive::TestArchive() : dir_(tmp_.path() / "archive") {
  ArchiveLayout(dir_).CreateDirectories();
  store::Database::Open(ArchiveLayout(dir_).db());  // creates and migrates
}

std::int64_t TestArchive::AddPage(const std::string& file_name, int width, int height) {
  char sha[65];
  std::snprintf(sha, sizeof sha, "%064x", 0xab000 + ++sources_);
  const ArchiveLayout layout(dir_);
  const fs::path image = ArchiveLayout::PageImagePath(sha, 1);
  WriteFileAtomically(layout.root / image, PngBytes(width, height));

  store::Database db = store::Database::Open(layout.db());
  store::Sources sources(db);
  store::SourceRow source;
  source.sha256 = sha;
  source.file_name = file_name;
  source.media_type = "image/png";
  source.page_count = 1;
  source.status = "done";
  const std::int64_t source_id = sources.Add(source);
  store::PageRow page;
  page.source_id = source_id;
  page.page_no = 1;
  page.kind = PageKind::kLedger;
  page.width = width;
  page.height = height;
  page.image_path = image.string();
  page.status = "done";
  const std::int64_t page_id = sources.PutPage(page);
  page_sha_[page_id] = sha;
  page_file_[page_id] = file_name;
  return page_id;
}

void TestArchive::Put(Record record) {
  if (record.source.page_id) {
    record.source.sha256 = page_sha_.at(record.source.page_id);
    record.source.file = page_file_.at(record.source.page_id);
    record.source.page = 1;
  } else if (record.source.file.empty()) {
    record.source.file = "danh-sach.csv";
    record.source.row = 1;
  }
  store::Database db = store::Database::Open(ArchiveLayout(dir_).db());
  store::Records(db).Put(record);
}

void TestArchive::Index() {
  const ArchiveLayout layout(dir_);
  store::Database db = store::Database::Open(layout.db());
  index::Indexer indexer = index::Indexer::Open(layout.index_dir());
  ingest::SyncIndex(db, indexer);
}

server::ServerOptions TestOptions(const fs::path& archive, bool open_access, const fs::path& web_dir) {
  server::ServerOptions options;
  options.data_dir = archive;
  options.listen = "127.0.0.1:0";
  options.web_dir = web_dir.empty() ? fs::path(SOVANG_SOURCE_DIR) / "web" : web_dir;
  options.open_access = open_access;
  options.max_threads = 8;
  return options;
}

std::string HttpResult::header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

namespace {

HttpResult Exchange(Poco::Net::HTTPClientSession& session, const std::string& method, const std::string& target,
                    const std::map<std::string, std::string>& headers, const std::string& body) {
  Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [k, v] : headers) request.set(k, v);
  if (!body.empty() || method == "POST" || method == "PUT") request.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  HttpResult result;
  result.status = static_cast<int>(response.getStatus());
  for (const auto& [k, v] : response) {
    std::string name = k;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    result.headers.emplace(name, v);
  }
  Poco::StreamCopier::copyToString(in, result.body);
  return result;
}

}  // namespace

HttpResult Http(std::uint16_t port, const std::string& method, const std::string& target,
                const std::map<std::string, std::string>& headers, const std::string& body) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(20, 0));
  session.setKeepAlive(false);
  return Exchange(session, method, target, headers, body);
}

struct HttpConnection::Impl {
  explicit Impl(std::uint16_t port) : session("127.0.0.1", port) {
    session.setTimeout(Poco::Timespan(20, 0));
    session.setKeepAlive(true);
  }
  Poco::Net::HTTPClientSession session;
};

HttpConnection::HttpConnection(std::uint16_t port) : impl_(std::make_unique<Impl>(port)) {}
HttpConnection::~HttpConnection() = default;

HttpResult HttpConnection::Request(const std::string& method, const std::string& target,
                                   const std::map<std::string, std::string>& headers, const std::string& body) {
  return Exchange(impl_->session, method, target, headers, body);
}

std::string UrlEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace sovang::server_test
