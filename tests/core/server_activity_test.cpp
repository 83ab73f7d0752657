// The server's activity file (core/server_activity.h): what one mapping
// answers another sees, summed; a server that dies mid-answer leaves its
// count up but its sum still.

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
  ~TempArchive() {
    ServerActivity::Remove(ArchiveLayout(dir));
    fs::remove_all(dir);
  }
};

}  // namespace

TEST_CASE("What the server answers, a reader of the archive sees, summed", "[core]") {
  TempArchive a;
  const ArchiveLayout layout(a.dir);
  CHECK(ServerActivity::Open(layout, /*create=*/false) == nullptr);  // no server yet
  auto server = ServerActivity::Open(layout, /*create=*/true);
  REQUIRE(server != nullptr);
  auto reader = ServerActivity::Open(layout, /*create=*/false);
  REQUIRE(reader != nullptr);
  const ServerActivity::Reading fresh = reader->Read();
  CHECK(fresh.answering == 0);
  CHECK(fresh.busy_ns == 0);

  const auto one = server->Begin();
  const auto two = server->Begin();
  CHECK(reader->Read().answering == 2);
  std::this_thread::sleep_for(30ms);
  server->End(one);
  CHECK(reader->Read().answering == 1);
  server->End(two);
  const ServerActivity::Reading after = reader->Read();
  CHECK(after.answering == 0);
  CHECK(after.busy_ns >= 2 * 30'000'000);  // two answers of 30 ms each, summed
  CHECK(after.busy_ns < 2 * 5'000'000'000LL);
  CHECK(after.at_ns > fresh.at_ns);
  // A server started again on the archive keeps the sums (a reader takes differences).
  auto again = ServerActivity::Open(layout, /*create=*/true);
  REQUIRE(again != nullptr);
  CHECK(again->Read().busy_ns == after.busy_ns);
  // The same archive by another path is the same activity; another archive is not.
  CHECK(ServerActivity::SharedMemoryName(ArchiveLayout(a.dir / "." / "x" / "..")) ==
        ServerActivity::SharedMemoryName(layout));
  CHECK(ServerActivity::SharedMemoryName(ArchiveLayout(a.dir / "other")) != ServerActivity::SharedMemoryName(layout));
  // Not a file in the archive: nothing there for a filesystem's journal to hold up.
  CHECK_FALSE(fs::exists(a.dir / "server-activity"));
  CHECK(fs::exists(fs::path("/dev/shm") / ServerActivity::SharedMemoryName(layout).substr(1)));
}

TEST_CASE("A server that dies mid-answer leaves its count up and its sum still", "[core]") {
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
  const ServerActivity::Reading first = reader->Read();
  CHECK(first.answering == 1);  // another process's count, seen here
  std::this_thread::sleep_for(20ms);
  CHECK(reader->Read().busy_ns == first.busy_ns);  // nothing more is added: a watcher sees an idle server
}
