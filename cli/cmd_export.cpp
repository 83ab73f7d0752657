#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/open_archive.h"
#include "core/archive_layout.h"
#include "core/record_json.h"
#include "store/records.h"

namespace sovang::cli {

namespace {

// RFC 4180 quoting.
std::string CsvCell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

int RunExport(const Argv& argv) {
  const Args args(argv, {}, {"data", "format"});
  const std::string format = args.GetOr("format", "jsonl");
  if (format != "jsonl" && format != "csv") throw UsageError{"--format phải là jsonl hoặc csv"};
  const ArchiveLayout layout(args.DataDir());
  store::Database db = OpenStoreReadOnly(layout);
  store::Records records(db);
  if (format == "csv") {
    for (std::size_t i = 0; i < kFieldCount; ++i) std::cout << FieldKey(static_cast<FieldId>(i)) << ",";
    std::cout << "id,source_file,source_sha256,source_page,confidence,review\n";
  }
  records.ForEach([&](const Record& r) {
    if (format == "jsonl") {
      std::cout << RecordToJson(r).dump() << "\n";
      return;
    }
    for (const Field& f : r.fields) std::cout << CsvCell(f.value) << ",";
    std::cout << CsvCell(r.id) << "," << CsvCell(r.source.file) << "," << r.source.sha256 << "," << r.source.page
              << "," << r.confidence << "," << ReviewName(r.review) << "\n";
  });
  std::cout.flush();
  return kExitOk;
}

}  // namespace sovang::cli
