#include "ingest/record_writer.h"

#include "store/certificates.h"
#include "store/records.h"

namespace sovang::ingest {

void StoreRecords(store::Database& db, const std::vector<Record>& records) {
  if (records.empty()) return;
  db.Transaction([&] {
    store::Records(db).PutMany(records);
    store::Certificates certificates(db);
    for (const Record& r : records)
      if (r[FieldId::kAward].present()) certificates.EnsureOriginal(r.id);
  });
}

}  // namespace sovang::ingest
