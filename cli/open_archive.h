#pragma once
// Opening an existing archive for the read-only subcommands.

#include "core/archive_layout.h"
#include "store/database.h"

namespace sovang::cli {

// Throws Error(kNotFound) with the directory when there is no archive there.
const ArchiveLayout& RequireArchive(const ArchiveLayout& layout);
store::Database OpenStoreReadOnly(const ArchiveLayout& layout);

}  // namespace sovang::cli
