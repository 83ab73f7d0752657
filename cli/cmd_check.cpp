#include <cstdio>
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/open_archive.h"
#include "ingest/archive.h"
#include "ingest/check.h"

namespace sovang::cli {

int RunCheck(const Argv& argv) {
  const Args args(argv, {"json"}, {"data"});
  RequireArchive(ArchiveLayout(args.DataDir()));
  auto archive = ingest::WritableArchive::Open(args.DataDir());  // nobody writes while we look
  const ingest::CheckReport report = ingest::CheckArchive(archive.layout, archive.db, archive.indexer);
  if (args.Has("json")) {
    std::cout << ingest::CheckReportToJson(report).dump() << "\n";
  } else {
    std::printf("%lld tệp gốc, %lld trang, %lld hồ sơ, %lld tài liệu chỉ mục, %lld dòng nhật ký kiểm toán.\n",
                static_cast<long long>(report.sources), static_cast<long long>(report.pages),
                static_cast<long long>(report.records), static_cast<long long>(report.index_documents),
                static_cast<long long>(report.audit_rows));
    if (report.ok()) std::printf("Kho lưu trữ nhất quán (archive consistent).\n");
    for (const std::string& p : report.problems) std::printf("  lỗi: %s\n", p.c_str());
  }
  return report.ok() ? kExitOk : kExitSomeFailed;
}

}  // namespace sovang::cli
