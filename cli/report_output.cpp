#include "cli/report_output.h"

#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"

namespace sovang::cli {

int PrintIngestReport(const ingest::IngestReport& report, bool json) {
  if (json) {
    nlohmann::json failed = nlohmann::json::array();
    for (const auto& f : report.failed) failed.push_back({{"file", f.file}, {"reason", f.reason}});
    const nlohmann::json summary = {
        {"sources", report.sources}, {"pages", report.pages},
        {"records", report.records}, {"skipped", report.skipped},
        {"failed", failed},          {"paused_for_server_s", report.seconds_paused_for_server}};
    std::cout << summary.dump() << "\n";
  } else {
    std::printf("Đã nhập %lld tệp, %lld trang, %lld hồ sơ; bỏ qua %lld tệp đã có; %zu lỗi.\n",
                static_cast<long long>(report.sources), static_cast<long long>(report.pages),
                static_cast<long long>(report.records), static_cast<long long>(report.skipped),
                report.failed.size());
    if (report.seconds_paused_for_server >= 0.1) {
      std::printf("Nhận dạng đã tạm dừng %.1f giây, nhường máy chủ đang bận trả lời.\n",
                  report.seconds_paused_for_server);
    }
    for (const auto& f : report.failed) std::printf("  lỗi: %s: %s\n", f.file.c_str(), f.reason.c_str());
  }
  return report.failed.empty() ? kExitOk : kExitSomeFailed;
}

}  // namespace sovang::cli
