#pragma once
// `sovang ingest`: files in, records out. Each file is fingerprinted
// (SHA-256), its master kept once in the archive, its pages recognised by a
// pool of workers (one recogniser each, reused), its records extracted and
// stored with their outbox entries in batched transactions, and the index
// brought up to date in batches. Re-running on the same files changes nothing;
// an interrupted run resumes (files whose source is not "done" are redone,
// with the same record ids).
//
//   decode (1 thread) ─► pages ─► recognise+extract (jobs threads) ─► results ─► store+index (caller's thread)
//          bounded queue                                     bounded queue

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/archive_layout.h"
#include "index/indexer.h"
#include "ingest/progress.h"
#include "ocr/recognizer.h"
#include "store/database.h"

namespace sovang::ingest {

struct FailedInput {
  std::string file;    // as given (with " (trang N)" for one page of a file)
  std::string reason;  // a sentence a person can act on
};

struct IngestReport {
  std::int64_t sources = 0;  // files ingested by this run
  std::int64_t pages = 0;
  std::int64_t records = 0;
  std::int64_t skipped = 0;  // files already in the archive
  std::vector<FailedInput> failed;
  // Wall time OCR stood aside for a busy server on the archive.
  double seconds_paused_for_server = 0.0;
};

struct IngestOptions {
  int jobs = 0;  // recognition workers; 0: one per core
  // Makes one recogniser per worker; default: Tesseract (vie).
  std::function<std::unique_ptr<ocr::Recognizer>()> make_recognizer;
  Progress* progress = nullptr;       // optional
  int pages_per_transaction = 16;     // store batch
  int pages_per_index_commit = 64;    // index batch
  bool lower_worker_priority = true;  // OCR yields to a server on the same machine
  // OCR also pauses while a server answers on the archive (ingest/server_watch.h).
  bool step_aside_for_server = true;
};

// Files and folders (walked recursively for .png .jpg .jpeg .tif .tiff .pdf),
// in a stable order. Explicitly named files are taken whatever their name.
std::vector<std::filesystem::path> ExpandInputs(const std::vector<std::filesystem::path>& inputs,
                                                std::vector<FailedInput>& failed);

IngestReport Ingest(const ArchiveLayout& layout, store::Database& db, index::Indexer& indexer,
                    const std::vector<std::filesystem::path>& inputs, const IngestOptions& options);

}  // namespace sovang::ingest
