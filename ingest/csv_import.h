#pragma once
// `sovang import-csv`: born-digital award lists. The encoding is detected
// (UTF-8, UTF-16, CP1258, TCVN3, VNI, VIQR, mojibake), columns are mapped by
// header — a record JSON key ("full_name", "birth_year", ...) or the usual
// Vietnamese title ("Họ và tên", "Năm sinh", "Quê quán", "Số quyết định", ...)
// — and every row becomes a record with its file and row as provenance. Bad
// rows are reported; the rest are imported.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/archive_layout.h"
#include "core/record.h"
#include "index/indexer.h"
#include "ingest/pipeline.h"
#include "store/database.h"

namespace sovang::ingest {

// RFC 4180 rows of already-decoded UTF-8 text; the delimiter (',' ';' or tab)
// is the one the header line uses most.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text);

// Which record field a column header names, if any ("Họ và tên" -> full_name).
// "Quê quán" maps to the commune field and is split into commune, district and
// province; "Số và ngày quyết định" to the decision number (split too).
std::optional<FieldId> FieldOfHeader(const std::string& header);

struct CsvImportResult {
  std::vector<Record> records;
  std::vector<FailedInput> bad_rows;  // "file.csv (dòng 7)" and why
  std::string encoding;               // what was detected
};

// Turns the bytes of one CSV file into records (no storage).
CsvImportResult ReadCsvRecords(const std::string& bytes, const std::string& file_name, const std::string& sha256);

// Imports files into the archive: master kept once, source row, records with
// outbox, index synced. Already imported files are skipped.
IngestReport ImportCsv(const ArchiveLayout& layout, store::Database& db, index::Indexer& indexer,
                       const std::vector<std::filesystem::path>& files);

}  // namespace sovang::ingest
