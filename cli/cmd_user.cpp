#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "ingest/archive.h"
#include "store/staff_users.h"

namespace sovang::cli {

namespace {

// The first line of stdin, without echo when it is a terminal.
std::string ReadPassword() {
  const bool tty = ::isatty(STDIN_FILENO);
  termios saved{};
  if (tty) {
    std::fprintf(stderr, "Mật khẩu (password): ");
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string password;
  std::getline(std::cin, password);
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::fprintf(stderr, "\n");
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

}  // namespace

// sovang user add NAME --role ROLE   (password on stdin)
// sovang user list [--json]
int RunUser(const Argv& argv) {
  const Args args(argv, {"json"}, {"data", "role"});
  const auto& words = args.positional();
  if (words.empty()) throw UsageError{"dùng: sovang user add NAME --role ROLE | sovang user list"};
  auto archive = ingest::WritableArchive::Open(args.DataDir());
  store::StaffUsers users(archive.db);
  if (words[0] == "add") {
    if (words.size() != 2) throw UsageError{"dùng: sovang user add NAME --role admin|archivist|verifier|approver"};
    const auto role = args.Get("role");
    if (!role) throw UsageError{"cần --role admin|archivist|verifier|approver"};
    const store::StaffUser user = users.Add(words[1], *role, ReadPassword());
    if (args.Has("json")) std::cout << store::StaffUserToJson(user).dump() << "\n";
    else std::printf("Đã tạo tài khoản %s (%s).\n", words[1].c_str(), role->c_str());
    return kExitOk;
  }
  if (words[0] == "list") {
    for (const store::StaffUser& u : users.List()) std::cout << store::StaffUserToJson(u).dump() << "\n";
    return kExitOk;
  }
  throw UsageError{"lệnh con không rõ: user " + words[0]};
}

}  // namespace sovang::cli
