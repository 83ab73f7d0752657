#pragma once
// `sovang check`: is the archive whole? Masters present and unchanged (fixity:
// SHA-256 again), page images present, the index in step with the store
// (applied outbox sequence and document count), and the audit chain unbroken.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/archive_layout.h"
#include "index/indexer.h"
#include "store/database.h"

namespace sovang::ingest {

struct CheckReport {
  std::int64_t sources = 0, pages = 0, records = 0, index_documents = 0, audit_rows = 0;
  std::int64_t outbox_seq = 0, index_seq = 0;
  std::vector<std::string> problems;  // each a sentence naming what is wrong and where
  bool ok() const { return problems.empty(); }
};

CheckReport CheckArchive(const ArchiveLayout& layout, store::Database& db, index::Indexer& indexer);

nlohmann::json CheckReportToJson(const CheckReport& report);

}  // namespace sovang::ingest
