#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/args.h"
#include "cli/commands.h"
#include "ingest/archive.h"
#include "ingest/pipeline.h"

namespace sovang::cli {

int RunIngest(const Argv& argv) {
  const Args args(argv, {"json", "quiet"}, {"data", "jobs"});
  if (args.positional().empty()) throw UsageError{"cần ít nhất một tệp hoặc thư mục (PATH...)"};
  std::vector<std::filesystem::path> inputs(args.positional().begin(), args.positional().end());

  auto archive = ingest::WritableArchive::Open(args.DataDir());
  ingest::Progress progress = ingest::Progress::ForStream(stderr, args.Has("quiet"));
  ingest::IngestOptions options;
  options.jobs = args.GetInt("jobs", 0);
  if (options.jobs < 0) throw UsageError{"--jobs phải ≥ 0"};
  options.progress = &progress;
  const ingest::IngestReport report =
      ingest::Ingest(archive.layout, archive.db, archive.indexer, inputs, options);

  if (args.Has("json")) {
    nlohmann::json failed = nlohmann::json::array();
    for (const auto& f : report.failed) failed.push_back({{"file", f.file}, {"reason", f.reason}});
    const nlohmann::json summary = {{"sources", report.sources}, {"pages", report.pages},
                                    {"records", report.records}, {"skipped", report.skipped},
                                    {"failed", failed}};
    std::cout << summary.dump() << "\n";
  } else {
    std::printf("Đã nhập %lld tệp, %lld trang, %lld hồ sơ; bỏ qua %lld tệp đã có; %zu lỗi.\n",
                static_cast<long long>(report.sources), static_cast<long long>(report.pages),
                static_cast<long long>(report.records), static_cast<long long>(report.skipped),
                report.failed.size());
    for (const auto& f : report.failed) std::printf("  lỗi: %s: %s\n", f.file.c_str(), f.reason.c_str());
  }
  return report.failed.empty() ? kExitOk : kExitSomeFailed;
}

}  // namespace sovang::cli
