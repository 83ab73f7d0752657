#pragma once
// Compacting an index: after a rebuild (sovang reindex) the database is
// written once and then only read, so a compacted copy is smaller and faster
// (exact-term lookups well under a millisecond at 10M documents).

#include <filesystem>
#include <vector>

namespace sovang::index {

// Writes a compacted copy of the index at `from` into `to` (which must not
// exist yet); the outbox_seq metadata comes along. The caller swaps the
// directories while no writer is open. Throws Error(kIndex) / Error(kIo).
void CompactIndex(const std::filesystem::path& from, const std::filesystem::path& to);

// Merges indexes built side by side (disjoint records, docids each from 1)
// into one compacted index at `to` (which must not exist yet): their
// documents renumbered one part after another, their metadata kept (parts
// must agree on it, e.g. the same outbox_seq). This is how a rebuild uses
// every core: one writer per part, since a Xapian database takes one writer.
void MergeIndexes(const std::vector<std::filesystem::path>& parts, const std::filesystem::path& to);

}  // namespace sovang::index
