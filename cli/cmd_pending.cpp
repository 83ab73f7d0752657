// Subcommands whose libraries are still being written.
#include <cstdio>

#include "cli/commands.h"

namespace sovang::cli {

namespace {
int NotYet(const char* what) {
  std::fprintf(stderr, "sovang %s: chưa có (not available yet)\n", what);
  return kExitFailure;
}
}  // namespace

int RunCheck(const Argv&) { return NotYet("check"); }
int RunUser(const Argv&) { return NotYet("user"); }

}  // namespace sovang::cli
