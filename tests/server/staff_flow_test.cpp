// The staff module over HTTP: log in, file a reissue request, approve it as a
// second user, issue it, fetch the PDF, read its QR code, verify the new and
// the old certificate publicly; and the guards around all of it (401, 403,
// CSRF, 409, 429, the audit chain).

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/archive_layout.h"
#include "crypto/password.h"
#include "crypto/verification_code.h"
#include "server/server.h"
#include "server_test_support.h"
#include "store/audit.h"
#include "store/certificates.h"
#include "store/verification_log.h"
#include "store/database.h"
#include "store/staff_users.h"

namespace fs = std::filesystem;
using nlohmann::json;
using sovang::ArchiveLayout;
using sovang::Box;
using sovang::server::Server;
using namespace sovang;
using namespace sovang::server_test;

namespace {

constexpr const char* kPassword = "mật khẩu 2024";

std::string Run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  REQUIRE(pipe);
  std::string out;
  char buffer[4096];
  while (const size_t n = fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
  return out;
}

std::string Collapse(const std::string& raw) {
  std::string out;
  for (const char c : raw) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

json Body(const HttpResult& r) {
  INFO("status " << r.status << ", body: " << r.body);
  return json::parse(r.body);
}

// An archive with award records, their original certificates (as ingest
// registers them) and four staff members.
struct Fixture {
  TestArchive archive;
  std::map<std::string, std::int64_t> user_ids;

  Fixture() {
    const std::int64_t page = archive.AddPage("so-vang-1975.png", 600, 800);
    archive.Put(Person("thach-1", "Nguyễn Văn Thạch", 1932, "Lộc Yên", "Cao Lộc", "Huân chương Kháng chiến hạng Nhất",
                       "543/QĐ-CTN", "1975-08-10", page, Box{20, 100, 560, 90}));
    archive.Put(Person("ha-2", "Hoàng Thị Hà", 1940, "Hoàng Đồng", "Văn Lãng", "Huy chương Kháng chiến hạng Nhì",
                       "543/QĐ-CTN", "1975-08-10", page, Box{20, 200, 560, 90}));
    archive.Put(Person("gd-3", "Vi Thị Lan", 1930, "Tân Thanh", "Văn Lãng", "Bảng gia đình vẻ vang", "12-NQ/HĐNN7",
                       "1983-02-05"));
    archive.Index();
    store::Database db = store::Database::Open(ArchiveLayout(archive.dir()).db());
    store::Certificates certificates(db);
    for (const char* id : {"thach-1", "ha-2", "gd-3"}) certificates.EnsureOriginal(id);
    store::StaffUsers users(db, {{crypto::PasswordStrength::kMinimum}});
    for (const auto& [name, role] : std::map<std::string, std::string>{
             {"lan", "archivist"}, {"hung", "approver"}, {"minh", "approver"}, {"root", "admin"}}) {
      user_ids[name] = users.Add(name, role, kPassword).id;
    }
  }

  store::Database Open() const { return store::Database::Open(ArchiveLayout(archive.dir()).db()); }
};

// A logged-in client: its cookie and CSRF token.
struct Session {
  std::uint16_t port = 0;
  std::string cookie;
  std::string csrf;

  HttpResult Call(const std::string& method, const std::string& target, const json& body = nullptr,
                  bool with_csrf = true) const {
    std::map<std::string, std::string> headers = {{"Cookie", cookie}};
    if (with_csrf) headers["X-CSRF-Token"] = csrf;
    if (!body.is_null()) headers["Content-Type"] = "application/json";
    return Http(port, method, target, headers, body.is_null() ? "" : body.dump());
  }
  HttpResult Get(const std::string& target) const { return Call("GET", target, nullptr, false); }
  HttpResult Post(const std::string& target, const json& body = nullptr) const { return Call("POST", target, body); }
};

HttpResult LoginRequest(std::uint16_t port, const std::string& user, const std::string& password) {
  return Http(port, "POST", "/api/login", {{"Content-Type", "application/json"}},
              json{{"username", user}, {"password", password}}.dump());
}

Session Login(std::uint16_t port, const std::string& user) {
  const HttpResult r = LoginRequest(port, user, kPassword);
  REQUIRE(r.status == 200);
  const std::string set_cookie = r.header("set-cookie");
  INFO(set_cookie);
  CHECK(set_cookie.find("HttpOnly") != std::string::npos);
  CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(set_cookie.find("Path=/") != std::string::npos);
  CHECK(set_cookie.find("Secure") == std::string::npos);  // plain http here
  Session s;
  s.port = port;
  s.cookie = set_cookie.substr(0, set_cookie.find(';'));
  s.csrf = Body(r)["csrf_token"].get<std::string>();
  CHECK_FALSE(s.csrf.empty());
  return s;
}

std::string PathOf(const std::string& url) {
  const auto scheme = url.find("://");
  return url.substr(url.find('/', scheme == std::string::npos ? 0 : scheme + 3));
}

}  // namespace

TEST_CASE("A reissue goes from filing to a verified certificate over HTTP", "[server][staff]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), /*open_access=*/false));
  const std::uint16_t port = server.port();
  const std::string original_code = [&] {
    store::Database db = f.Open();
    return store::Certificates(db).OfRecord("thach-1").at(0).code;
  }();

  // Anonymous callers get 401 from every staff endpoint, 200 from public ones.
  for (const auto& [method, target] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/api/me"},
                                                        {"GET", "/api/reissue-requests"},
                                                        {"POST", "/api/reissue-requests"},
                                                        {"POST", "/api/reissue-requests/1/approve"},
                                                        {"GET", "/api/reissue-requests/1/certificate.pdf"},
                                                        {"GET", "/api/records/thach-1/confirmation.pdf"},
                                                        {"PATCH", "/api/records/thach-1"},
                                                        {"GET", "/api/audit?record=thach-1"},
                                                        {"GET", "/api/users"}}) {
    INFO(method << " " << target);
    const HttpResult r = Http(port, method, target, {{"Content-Type", "application/json"}}, "{}");
    CHECK(r.status == 401);
  }
  CHECK(Get(port, "/api/health").status == 200);
  CHECK(LoginRequest(port, "lan", "wrong password").status == 401);

  const Session lan = Login(port, "lan");
  CHECK(Body(lan.Get("/api/me"))["role"] == "archivist");
  const json request = {{"record_id", "thach-1"},
                        {"kind", "cap_lai"},
                        {"reason", "Bằng bị mất do lũ"},
                        {"applicant_name", "Nguyễn Văn Hùng"},
                        {"applicant_relation", "con"}};

  // State changes need the CSRF token of the session.
  CHECK(lan.Call("POST", "/api/reissue-requests", request, /*with_csrf=*/false).status == 403);
  Session forged = lan;
  forged.csrf = "0000";
  CHECK(forged.Post("/api/reissue-requests", request).status == 403);

  // File it.
  const HttpResult filed = lan.Post("/api/reissue-requests", request);
  REQUIRE(filed.status == 201);
  const json filed_json = Body(filed);
  const std::int64_t id = filed_json["id"].get<std::int64_t>();
  CHECK(filed_json["status"] == "received");
  CHECK(std::regex_match(filed_json["due_date"].get<std::string>(), std::regex(R"(\d{4}-\d{2}-\d{2})")));
  const std::string base = "/api/reissue-requests/" + std::to_string(id);

  // An award with no reissue path is refused with the Vietnamese reason.
  json family_award = request;
  family_award["record_id"] = "gd-3";
  const HttpResult refused = lan.Post("/api/reissue-requests", family_award);
  CHECK(refused.status == 409);
  CHECK(Body(refused)["error"]["message"].get<std::string>().find("Bảng gia đình vẻ vang") != std::string::npos);

  // Verify (archivist); the archivist may not approve; nothing out of order.
  CHECK(lan.Post(base + "/approve").status == 403);
  CHECK(lan.Post(base + "/verify").status == 200);
  CHECK(lan.Post(base + "/verify").status == 409);

  // The filer, made an approver since, still may not approve their own request.
  const Session root = Login(port, "root");
  REQUIRE(root.Call("PATCH", "/api/users/" + std::to_string(f.user_ids["lan"]), {{"role", "approver"}}).status == 200);
  const HttpResult own = lan.Post(base + "/approve");
  CHECK(own.status == 403);
  CHECK(Body(own)["error"]["message"].get<std::string>().find("người lập hồ sơ") != std::string::npos);
  CHECK(lan.Post(base + "/issue").status == 409);  // not approved yet

  // A second user approves and issues.
  const Session hung = Login(port, "hung");
  CHECK(hung.Post("/api/reissue-requests", request).status == 403);  // approvers do not file
  const HttpResult approved = hung.Post(base + "/approve", {{"note", "Đã đối chiếu sổ vàng"}});
  REQUIRE(approved.status == 200);
  CHECK(Body(approved)["status"] == "approved");
  const HttpResult issued = hung.Post(base + "/issue");
  REQUIRE(issued.status == 200);
  const json issued_json = Body(issued);
  CHECK(issued_json["status"] == "issued");
  const std::string new_code = issued_json["certificate"]["code"].get<std::string>();
  CHECK(issued_json["certificate"]["kind"] == "reissue");
  CHECK(hung.Post(base + "/issue").status == 409);

  // The queue shows it.
  const json queue = Body(hung.Get("/api/reissue-requests?status=issued"));
  REQUIRE(queue["requests"].size() == 1);
  CHECK(queue["requests"][0]["id"] == id);
  CHECK(Body(hung.Get("/api/reissue-requests?overdue=1"))["requests"].empty());

  // The certificate as a PDF: the name with its diacritics, a QR code of the verify URL.
  const HttpResult pdf = hung.Get(base + "/certificate.pdf");
  REQUIRE(pdf.status == 200);
  CHECK(pdf.header("content-type") == "application/pdf");
  TempDir tmp;
  const fs::path pdf_file = tmp.path() / "certificate.pdf";
  std::ofstream(pdf_file, std::ios::binary) << pdf.body;
  const std::string text = Collapse(Run("pdftotext -layout '" + pdf_file.string() + "' - 2>/dev/null"));
  INFO(text);
  CHECK(text.find("Nguyễn Văn Thạch") != std::string::npos);
  CHECK(text.find(new_code) != std::string::npos);
  Run("pdftoppm -r 150 -png -singlefile '" + pdf_file.string() + "' '" + (tmp.path() / "page").string() + "'");
  std::string qr = Run("zbarimg --quiet --raw '" + (tmp.path() / "page.png").string() + "' 2>/dev/null");
  while (!qr.empty() && (qr.back() == '\n' || qr.back() == '\r')) qr.pop_back();
  CHECK(qr == server.url() + "verify/" + new_code);

  // Open that URL: the page and the API read valid, showing only what the certificate prints.
  const HttpResult page = Get(port, PathOf(qr));
  REQUIRE(page.status == 200);
  CHECK(page.header("content-type").find("text/html") == 0);
  CHECK(page.body.find("data-status=\"valid\"") != std::string::npos);
  CHECK(page.body.find("Nguyễn Văn Thạch") != std::string::npos);
  CHECK(page.body.find("1932") == std::string::npos);
  CHECK(page.body.find("Lộc Yên") == std::string::npos);
  const json verified = Body(Get(port, "/api/verify/" + new_code));
  CHECK(verified["status"] == "valid");
  CHECK(verified["certificate"]["code"] == new_code);
  CHECK(verified["certificate"]["kind"] == "reissue");
  CHECK(verified["recipient"] == "Nguyễn Văn Thạch");
  CHECK(verified["decision_number"] == "543/QĐ-CTN");
  CHECK(verified.dump().find("1932") == std::string::npos);

  // The original now reads superseded, by code (typed sloppily) and by its printed numbers.
  std::string sloppy;
  for (char c : original_code)
    if (c != '-') sloppy += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CHECK(Body(Get(port, "/api/verify/" + UrlEncode(sloppy)))["status"] == "superseded");
  const HttpResult old_page = Get(port, "/verify/" + UrlEncode(original_code));
  CHECK(old_page.body.find("data-status=\"superseded\"") != std::string::npos);
  const json by_numbers = Body(
      Get(port, "/api/verify?decision=" + UrlEncode("543 QĐ CTN") + "&date=" + UrlEncode("10/8/1975") + "&book=none"));
  CHECK(by_numbers["status"] == "unknown");  // the fixture's records have no book number

  // The staff view of the record lists its certificates (when the records route has them).
  const json detail = Body(hung.Get("/api/records/thach-1"));
  if (detail.contains("certificates")) {
    REQUIRE(detail["certificates"].size() == 2);
    CHECK(detail["certificates"][0]["status"] == "superseded");
    CHECK(detail["certificates"][1]["code"] == new_code);
  }

  // The confirmation letter of a record.
  const HttpResult letter = hung.Get("/api/records/ha-2/confirmation.pdf");
  REQUIRE(letter.status == 200);
  const fs::path letter_file = tmp.path() / "letter.pdf";
  std::ofstream(letter_file, std::ios::binary) << letter.body;
  CHECK(Collapse(Run("pdftotext '" + letter_file.string() + "' - 2>/dev/null")).find("Hoàng Thị Hà") !=
        std::string::npos);

  // Every transition is in the audit trail, which admins read; an edited row is detected.
  CHECK(hung.Get("/api/audit?record=thach-1").status == 403);
  const json audit = Body(root.Get("/api/audit?record=thach-1"));
  std::vector<std::string> actions;
  for (const auto& e : audit["entries"]) actions.push_back(e["action"].get<std::string>());
  for (const char* action : {"certificate.register", "reissue.file", "reissue.verify", "reissue.approve",
                             "certificate.supersede", "certificate.issue", "reissue.issue"}) {
    INFO(action);
    CHECK(std::find(actions.begin(), actions.end(), action) != actions.end());
  }
  CHECK(Body(root.Get("/api/audit/verify"))["ok"] == true);
  {
    store::Database db = f.Open();
    db.Exec("UPDATE audit_log SET new_value = '{\"status\":\"rejected\"}' WHERE action = 'reissue.approve'");
    CHECK_FALSE(store::VerifyAuditChain(db).ok());
  }
  const json chain = Body(root.Get("/api/audit/verify"));
  CHECK(chain["ok"] == false);
  CHECK_FALSE(chain["problems"].empty());

  // Logging out ends the session.
  CHECK(lan.Post("/api/logout").status == 200);
  CHECK(lan.Get("/api/me").status == 401);

  // A burst of unknown codes from one client is cut off, and every lookup is logged.
  int limited = 0;
  std::string retry_after;
  for (int i = 0; i < 15; ++i) {
    const HttpResult r = Get(port, "/api/verify/" + crypto::GenerateVerificationCode());
    if (r.status == 429) {
      ++limited;
      retry_after = r.header("retry-after");
    } else {
      CHECK(Body(r)["status"] == "unknown");
    }
  }
  CHECK(limited > 0);
  CHECK_FALSE(retry_after.empty());
  // The log has a writer of its own: the rows land within moments.
  store::VerificationLog log = store::VerificationLog::Open(ArchiveLayout(f.archive.dir()).verification_log_db());
  for (int i = 0; i < 100 && log.Count() < 5; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(log.Count() >= 5);
}

TEST_CASE("Corrections change the record, are audited and show in search at once", "[server][staff]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), false));
  const Session lan = Login(server.port(), "lan");
  // The name of record ha-2 as the index has it, found by a search for `q`.
  auto indexed_name = [&lan](const std::string& q) {
    const json hits = Body(lan.Get("/api/search?q=" + UrlEncode(q)));
    for (const auto& hit : hits["hits"])
      if (hit["id"] == "ha-2") return hit["record"]["full_name"].get<std::string>();
    return std::string();
  };
  CHECK(indexed_name("Hoàng Thị Hà") == "Hoàng Thị Hà");

  const HttpResult bad = lan.Call("PATCH", "/api/records/ha-2", {{"shoe_size", "42"}});
  CHECK(bad.status == 400);
  CHECK(lan.Call("PATCH", "/api/records/ha-2", {{"decision_date", "31/02/1975"}}).status == 400);
  CHECK(lan.Call("PATCH", "/api/records/nobody", {{"full_name", "X"}}).status == 404);
  CHECK(lan.Call("PATCH", "/api/records/ha-2", {{"full_name", "Hoàng Thị Nguyệt"}}, false).status == 403);

  const HttpResult fixed =
      lan.Call("PATCH", "/api/records/ha-2", {{"full_name", "Hoàng Thị Nguyệt"}, {"birth_year", 1941}});
  REQUIRE(fixed.status == 200);
  const json record = Body(fixed);
  CHECK(record["full_name"] == "Hoàng Thị Nguyệt");
  CHECK(record["birth_year"] == 1941);
  CHECK(record["review"] == "reviewed");
  CHECK(record["certificates"].size() == 1);

  CHECK(indexed_name("Hoàng Thị Nguyệt") == "Hoàng Thị Nguyệt");

  const Session root = Login(server.port(), "root");
  const json audit = Body(root.Get("/api/audit?record=ha-2"));
  const json& last = audit["entries"].back();
  CHECK(last["action"] == "record.correct");
  CHECK(last["actor"] == "lan");
  CHECK(last["old"]["full_name"] == "Hoàng Thị Hà");
  CHECK(last["new"]["full_name"] == "Hoàng Thị Nguyệt");
  CHECK(last["old"]["birth_year"] == 1940);
  CHECK(last["new"]["review"] == "reviewed");

  const Session hung = Login(server.port(), "hung");
  CHECK(hung.Call("PATCH", "/api/records/ha-2", {{"full_name", "X"}}).status == 403);  // approvers do not correct
}

TEST_CASE("Failed logins are throttled per user and per client with Retry-After", "[server][staff]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), false));
  for (int i = 0; i < 5; ++i) CHECK(LoginRequest(server.port(), "minh", "sai mật khẩu").status == 401);
  const HttpResult blocked = LoginRequest(server.port(), "minh", kPassword);  // even the right password
  CHECK(blocked.status == 429);
  const int retry_after = std::stoi(blocked.header("retry-after"));
  CHECK(retry_after > 0);
  CHECK(retry_after <= 15 * 60);
  // The same client is cut off for other names too.
  CHECK(LoginRequest(server.port(), "hung", kPassword).status == 429);
}

TEST_CASE("Roles guard the user and audit endpoints; users are managed by admins", "[server][staff]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), false));
  const Session root = Login(server.port(), "root");
  const Session hung = Login(server.port(), "hung");
  CHECK(hung.Get("/api/users").status == 403);
  CHECK(hung.Post("/api/users", {{"username", "x"}, {"role", "admin"}, {"password", "12345678"}}).status == 403);
  const HttpResult added =
      root.Post("/api/users", {{"username", "Tuan"}, {"role", "verifier"}, {"password", "dài đủ tám"}});
  REQUIRE(added.status == 201);
  CHECK(Body(added)["username"] == "tuan");
  CHECK(root.Post("/api/users", {{"username", "tuan"}, {"role", "verifier"}, {"password", "dài đủ tám"}}).status ==
        409);
  CHECK(root.Post("/api/users", {{"username", "khac"}, {"role", "boss"}, {"password", "dài đủ tám"}}).status == 400);
  const json users = Body(root.Get("/api/users"));
  CHECK(users["users"].size() == 5);
  CHECK(users.dump().find("argon2") == std::string::npos);
  CHECK(LoginRequest(server.port(), "tuan", "dài đủ tám").status == 200);

  // Disabling a user ends their sessions at once.
  CHECK(root.Call("PATCH", "/api/users/" + std::to_string(f.user_ids["hung"]), {{"disabled", true}}).status == 200);
  CHECK(hung.Get("/api/me").status == 401);
  CHECK(root.Call("PATCH", "/api/users/" + std::to_string(f.user_ids["root"]), {{"disabled", true}}).status == 409);
}

TEST_CASE("The public verify form and page work without a login and escape what they show", "[server][staff]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), false));
  const HttpResult form = Get(server.port(), "/verify");
  CHECK(form.status == 200);
  CHECK(form.body.find("<form") != std::string::npos);
  const std::string code = [&] {
    store::Database db = f.Open();
    return store::Certificates(db).OfRecord("thach-1").at(0).code;
  }();
  std::string typed;
  for (char c : code)
    if (c != '-') typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const HttpResult redirect = Get(server.port(), "/verify?code=" + typed);
  CHECK(redirect.status == 303);
  CHECK(redirect.header("location") == "/verify/" + code);
  const HttpResult junk = Get(server.port(), "/verify?code=" + UrlEncode("<script>alert(1)</script>"));
  CHECK(junk.status == 200);
  CHECK(junk.body.find("<script>") == std::string::npos);
  CHECK(junk.body.find("data-status=\"unknown\"") != std::string::npos);
  CHECK(Get(server.port(), "/api/verify").status == 400);
}
