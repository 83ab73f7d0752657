// The server's activity file (core/server_activity.h): what one mapping
// begins another sees, quiet after `quiet`, and a count left by a dead
// server stops counting once stale.

#include "core/server_activity.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using sovang::ArchiveLayout;
using sovang::ServerActivity;

namespace {

struct TempArchive {
  fs::path dir;
  TempArchive() {
    std::string tmpl = (fs::temp_directory_path() / "sovang-activity-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    dir = tmpl;
  }
  ~TempArchive() { fs::remove_all(dir); }
};

}  // namespace

TEST_CASE("What the server begins, a reader of the archive sees, until quiet", "[core]") {
  TempArchive a;
  const ArchiveLayout layout(a.dir);
  CHECK(ServerActivity::Open(layout, /*create=*/false) == nullptr);  // no server yet
  auto server = ServerActivity::Open(layout, /*create=*/true);
  REQUIRE(server != nullptr);
  auto reader = ServerActivity::Open(layout, /*create=*/false);
  REQUIRE(reader != nullptr);
  CHECK_FALSE(reader->Busy(10ms));  // a new file: nothing ever answered

  server->Begin();
  CHECK(reader->Busy(0ns));
  std::this_thread::sleep_for(30ms);
  CHECK(reader->Busy(0ns));  // still answering, however long
  server->End();
  CHECK(reader->Busy(20ms));  // ended just now
  std::this_thread::sleep_for(30ms);
  CHECK_FALSE(reader->Busy(20ms));
  CHECK(reader->Busy(1s));
}

TEST_CASE("A count left by a server that died mid-answer stops counting once stale", "[core]") {
  TempArchive a;
  const ArchiveLayout layout(a.dir);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {  // a server that begins and dies
    auto server = ServerActivity::Open(layout, /*create=*/true);
    if (server) server->Begin();
    ::_exit(server ? 0 : 1);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WEXITSTATUS(status) == 0);
  auto reader = ServerActivity::Open(layout, /*create=*/false);
  REQUIRE(reader != nullptr);
  CHECK(reader->Busy(0ns, 10s));  // another process's count, seen here
  std::this_thread::sleep_for(30ms);
  CHECK_FALSE(reader->Busy(0ns, 20ms));
}
