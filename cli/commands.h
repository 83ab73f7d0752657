#pragma once
// The subcommands of `sovang`. Each parses its arguments, makes one library
// call and prints; exit codes: 0 ok, 1 some inputs failed, 2 usage, 3 failure.

#include <string>
#include <vector>

namespace sovang::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitFailure = 3;

using Argv = std::vector<std::string>;

int RunIngest(const Argv& args);
int RunExport(const Argv& args);
int RunSearch(const Argv& args);
int RunServe(const Argv& args);
int RunEval(const Argv& args);
int RunReview(const Argv& args);
int RunReindex(const Argv& args);
int RunCheck(const Argv& args);
int RunUser(const Argv& args);
int RunImportCsv(const Argv& args);

}  // namespace sovang::cli
