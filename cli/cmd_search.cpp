#include <cstdio>
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "core/archive_layout.h"
#include "index/search_json.h"
#include "index/searcher.h"

namespace sovang::cli {

int RunSearch(const Argv& argv) {
  const Args args(argv, {"json"}, {"data", "limit", "offset"});
  std::string query;
  for (const std::string& word : args.positional()) query += (query.empty() ? "" : " ") + word;
  if (query.empty()) throw UsageError{"cần một câu truy vấn (QUERY)"};
  const int limit = args.GetInt("limit", 10);
  if (limit < 1 || limit > 1000) throw UsageError{"--limit phải từ 1 đến 1000"};

  const ArchiveLayout layout(args.DataDir());
  index::Searcher searcher = index::Searcher::Open(layout.index_dir());
  const index::SearchResult result =
      searcher.Search({.query = query, .limit = limit, .offset = args.GetInt("offset", 0), .facets = args.Has("json")});
  if (args.Has("json")) {
    std::cout << index::SearchResultToJson(result).dump() << "\n";
    return kExitOk;
  }
  std::printf("%lld kết quả cho «%s»\n", static_cast<long long>(result.total), query.c_str());
  int rank = 0;
  for (const index::SearchHit& hit : result.hits) {
    const Record& r = hit.record;
    std::printf("%2d. %s", ++rank, r.value(FieldId::kFullName).c_str());
    if (r.birth_year()) std::printf(" (%d)", *r.birth_year());
    std::string place;
    for (FieldId f : {FieldId::kCommune, FieldId::kDistrict, FieldId::kProvince})
      if (!r.value(f).empty()) place += (place.empty() ? "" : ", ") + r.value(f);
    if (!place.empty()) std::printf(" — %s", place.c_str());
    std::printf("\n    %s", r.value(FieldId::kAward).c_str());
    if (!r.value(FieldId::kDecisionNumber).empty())
      std::printf(" · QĐ %s %s", r.value(FieldId::kDecisionNumber).c_str(), r.value(FieldId::kDecisionDate).c_str());
    std::printf("\n    %s trang %d · id %s · điểm %.2f\n", r.source.file.c_str(), r.source.page, hit.id.c_str(),
                hit.score);
  }
  return kExitOk;
}

}  // namespace sovang::cli
