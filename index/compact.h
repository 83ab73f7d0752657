#pragma once
// Compacting an index: after a rebuild (sovang reindex) the database is
// written once and then only read, so a compacted copy is smaller and faster
// (exact-term lookups well under a millisecond at 10M documents).

#include <filesystem>

namespace sovang::index {

// Writes a compacted copy of the index at `from` into `to` (which must not
// exist yet); the outbox_seq metadata comes along. The caller swaps the
// directories while no writer is open. Throws Error(kIndex) / Error(kIo).
void CompactIndex(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace sovang::index
