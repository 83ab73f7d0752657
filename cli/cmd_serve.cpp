#include "cli/args.h"
#include "cli/commands.h"
#include "server/server.h"

namespace sovang::cli {

int RunServe(const Argv& argv) {
  const Args args(argv, {"access-log"}, {"data", "listen", "public-url", "search-cache", "threads", "verify-limit"});
  server::ServerOptions options;
  options.data_dir = args.DataDir();
  options.listen = args.GetOr("listen", options.listen);
  options.public_url = args.GetOr("public-url", "");
  options.max_threads = args.GetInt("threads", options.max_threads);
  options.access_log = args.Has("access-log");
  options.verify_per_minute = args.GetInt("verify-limit", options.verify_per_minute);
  options.search_cache_mib = args.GetInt("search-cache", options.search_cache_mib);
  if (options.max_threads < 1) throw UsageError{"--threads phải ≥ 1"};
  if (options.verify_per_minute < 0) throw UsageError{"--verify-limit phải ≥ 0 (0: không giới hạn)"};
  if (options.search_cache_mib < 0) throw UsageError{"--search-cache phải ≥ 0 (MiB; 0: không giữ kết quả tìm kiếm)"};
  server::ServeUntilSignal(options);  // prints the URL, returns on SIGINT/SIGTERM
  return kExitOk;
}

}  // namespace sovang::cli
