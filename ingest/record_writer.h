#pragma once
// Storing records as ingest does it: each record with its outbox entry, and
// each award record with its original certificate (a verification code the
// public page can answer for), in the caller's transaction.

#include <vector>

#include "core/record.h"
#include "store/database.h"

namespace sovang::ingest {

// Joins the caller's transaction (or opens one). Idempotent: re-storing a
// record keeps its certificate and code.
void StoreRecords(store::Database& db, const std::vector<Record>& records);

}  // namespace sovang::ingest
