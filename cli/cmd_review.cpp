#include <cstdio>
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/open_archive.h"
#include "core/archive_layout.h"
#include "core/record_json.h"
#include "store/records.h"

namespace sovang::cli {

int RunReview(const Argv& argv) {
  const Args args(argv, {"json"}, {"data", "limit"});
  const int limit = args.GetInt("limit", 100);
  const ArchiveLayout layout(args.DataDir());
  store::Database db = OpenStoreReadOnly(layout);
  const std::vector<Record> queue = store::Records(db).ForReview(limit);
  if (args.Has("json")) {
    nlohmann::json out = nlohmann::json::array();
    for (const Record& r : queue) out.push_back(RecordToJson(r, {.with_field_detail = true}));
    std::cout << out.dump() << "\n";
    return kExitOk;
  }
  std::printf("%zu hồ sơ cần xem lại (kém chắc chắn nhất trước)\n", queue.size());
  for (const Record& r : queue) {
    std::string doubtful;
    for (std::size_t i = 0; i < kFieldCount; ++i)
      if (r.fields[i].present() && r.fields[i].confidence < 0.8)
        doubtful += std::string(doubtful.empty() ? "" : ", ") + std::string(FieldKey(static_cast<FieldId>(i)));
    std::printf("%.2f  %-30s %s trang %d  [%s]\n", r.confidence, r.value(FieldId::kFullName).c_str(),
                r.source.file.c_str(), r.source.page, doubtful.c_str());
  }
  return kExitOk;
}

}  // namespace sovang::cli
