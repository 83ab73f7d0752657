// End to end, as a clerk would meet it: the real binary ingests the committed
// samples with real Tesseract into a real archive, then finds named people by
// their folded names through the CLI and through the HTTP API on a loopback port.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "core/server_activity.h"
#include "process.h"
#include "text/normalize.h"

namespace fs = std::filesystem;
using nlohmann::json;
using sovang::test::Http;
using sovang::test::Run;

namespace {

const std::string kBinary = SOVANG_BINARY;
const fs::path kSamples = fs::path(SOVANG_SOURCE_DIR) / "data-samples" / "set-default";

std::vector<json> ReadJsonl(const fs::path& file) {
  std::vector<json> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

// Truth records of clean annex and certificate pages: the ones the walking
// skeleton must get right.
std::vector<json> CleanTruth() {
  std::vector<json> out;
  for (const json& t : ReadJsonl(kSamples / "truth.jsonl"))
    if (t.value("degradation", "") == "clean" && (t.value("kind", "") == "annex" || t.value("kind", "") == "certificate"))
      out.push_back(t);
  return out;
}

bool HitsContainName(const json& search, const std::string& name) {
  for (const json& hit : search.at("hits"))
    if (hit.at("record").at("full_name") == name) return true;
  return false;
}

struct TempArchive {
  fs::path dir;
  TempArchive() {
    std::string templ = (fs::temp_directory_path() / "sovang-e2e-XXXXXX").string();
    dir = ::mkdtemp(templ.data());
  }
  ~TempArchive() {
    sovang::ServerActivity::Remove(sovang::ArchiveLayout(dir / "archive"));  // made by `sovang serve`
    fs::remove_all(dir);
  }
  std::string data() const { return (dir / "archive").string(); }
};

}  // namespace

TEST_CASE("End to end: ingest the samples, then find people by folded name in the CLI and over HTTP", "[e2e]") {
  REQUIRE(fs::exists(kSamples / "truth.jsonl"));
  TempArchive archive;

  // 1. Ingest: every sample page is read, nothing fails.
  const auto ingest = Run({kBinary, "ingest", "--json", "--quiet", "--data", archive.data(), kSamples.string()});
  INFO(ingest.err);
  REQUIRE(ingest.exit_code == 0);
  const json summary = json::parse(ingest.out);
  CHECK(summary.at("failed").empty());
  CHECK(summary.at("sources").get<int>() >= 10);
  CHECK(summary.at("pages").get<int>() >= 15);
  CHECK(summary.at("records").get<int>() >= 50);
  CHECK(summary.at("skipped").get<int>() == 0);

  // 2. The same files again add nothing.
  const auto again = Run({kBinary, "ingest", "--json", "--quiet", "--data", archive.data(), kSamples.string()});
  REQUIRE(again.exit_code == 0);
  const json second = json::parse(again.out);
  CHECK(second.at("records") == 0);
  CHECK(second.at("pages") == 0);
  CHECK(second.at("skipped") == summary.at("sources"));

  // 3. Export: one record JSON a line, in the contract's shape.
  const auto exported = Run({kBinary, "export", "--format", "jsonl", "--data", archive.data()});
  REQUIRE(exported.exit_code == 0);
  int lines = 0;
  std::istringstream rows(exported.out);
  for (std::string line; std::getline(rows, line); ++lines) {
    const json r = json::parse(line);
    for (const char* key : {"id", "full_name", "birth_year", "award", "decision_number", "source", "confidence", "review"})
      CHECK(r.contains(key));
    CHECK((r["birth_year"].is_null() || r["birth_year"].is_number_integer()));
  }
  CHECK(lines == summary.at("records").get<int>());

  // 4. The CLI finds clean-page people by their names typed without marks.
  const std::vector<json> truth = CleanTruth();
  REQUIRE(truth.size() >= 10);
  int found = 0, asked = 0;
  for (std::size_t i = 0; i < truth.size(); i += std::max<std::size_t>(1, truth.size() / 12)) {
    const std::string name = truth[i].at("full_name");
    const auto search = Run({kBinary, "search", "--json", "--limit", "10", "--data", archive.data(),
                             sovang::text::Fold(name)});
    REQUIRE(search.exit_code == 0);
    ++asked;
    if (HitsContainName(json::parse(search.out), name)) ++found;
    else WARN("not found by folded name: " << name);
  }
  CHECK(found >= asked * 9 / 10);

  // 5. Over HTTP: a staff member logs in and finds the same people.
  const auto user = Run({kBinary, "user", "add", "kiemtra", "--role", "verifier", "--data", archive.data()}, "mật-khẩu-thử\n");
  REQUIRE(user.exit_code == 0);
  sovang::test::ServerProcess server({kBinary, "serve", "--data", archive.data(), "--listen", "127.0.0.1:0"});
  const std::string url = server.first_line();
  INFO("server said: " << url);
  const auto colon = url.rfind(':');
  REQUIRE(colon != std::string::npos);
  const int port = std::stoi(url.substr(colon + 1));

  CHECK(Http(port, "GET", "/api/health").body.find("\"ok\"") != std::string::npos);
  CHECK(Http(port, "GET", "/api/search?q=nguyen").status == 401);  // staff only

  const auto login = Http(port, "POST", "/api/login", {{"Content-Type", "application/json"}},
                          json{{"username", "kiemtra"}, {"password", "mật-khẩu-thử"}}.dump());
  REQUIRE(login.status == 200);
  const std::string cookie = login.headers.at("set-cookie").substr(0, login.headers.at("set-cookie").find(';'));
  const std::map<std::string, std::string> session = {{"Cookie", cookie}};

  const std::string name = truth.front().at("full_name");
  const auto hits = Http(port, "GET", "/api/search?limit=10&q=" + sovang::test::UrlEncode(sovang::text::Fold(name)), session);
  REQUIRE(hits.status == 200);
  const json result = json::parse(hits.body);
  CHECK(result.at("total").get<int>() >= 1);
  REQUIRE(HitsContainName(result, name));

  std::string id;
  for (const json& hit : result.at("hits"))
    if (hit.at("record").at("full_name") == name) id = hit.at("id");
  const auto record = Http(port, "GET", "/api/records/" + id, session);
  REQUIRE(record.status == 200);
  const json detail = json::parse(record.body);
  CHECK(detail.at("full_name") == name);

  const auto image = Http(port, "GET", "/api/pages/" + std::to_string(detail.at("source").at("page_id").get<long long>()) + "/image", session);
  CHECK(image.status == 200);
  CHECK(image.body.substr(1, 3) == "PNG");

  const auto missing = Http(port, "GET", "/api/records/khong-co", session);
  CHECK(missing.status == 404);
  CHECK(json::parse(missing.body).at("error").contains("code"));
  CHECK(server.Stop() == 0);

  // 6. The archive checks out; a rebuilt index finds the same person.
  const auto check = Run({kBinary, "check", "--data", archive.data()});
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  const auto reindex = Run({kBinary, "reindex", "--data", archive.data()});
  REQUIRE(reindex.exit_code == 0);
  const auto rebuilt = Run({kBinary, "search", "--json", "--limit", "10", "--data", archive.data(), sovang::text::Fold(name)});
  REQUIRE(rebuilt.exit_code == 0);
  CHECK(HitsContainName(json::parse(rebuilt.out), name));
  CHECK(json::parse(rebuilt.out).at("total") == result.at("total"));

  // 7. An audit row edited behind the archive's back is found by `check`
  // (the original certificates registered at ingest are audited).
  const auto tamper = Run({"/usr/bin/python3", "-c",
                           "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                           "n = c.execute(\"UPDATE audit_log SET new_value = replace(new_value, 'valid', 'revoked') "
                           "WHERE seq = 2\").rowcount; c.commit(); sys.exit(0 if n == 1 else 1)",
                           (fs::path(archive.data()) / "sovang.db").string()});
  REQUIRE(tamper.exit_code == 0);
  const auto tampered = Run({kBinary, "check", "--data", archive.data()});
  CHECK(tampered.exit_code == 1);
  CHECK(tampered.out.find("audit") != std::string::npos);
}
