#include "index/indexer.h"

#include <charconv>

#include <xapian.h>

#include "core/error.h"
#include "index/database_factory.h"
#include "index/document_builder.h"
#include "index/xapian_guard.h"

namespace sovang::index {

namespace {

constexpr const char* kSeqKey = "outbox_seq";

std::int64_t ParseSeq(const std::string& s) {
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size())
    throw Error(Errc::kIndex, "index metadata outbox_seq is not a number: \"" + s + "\"");
  return v;
}

}  // namespace

struct Indexer::Impl {
  std::filesystem::path dir;
  Xapian::WritableDatabase db;
};

Indexer::Indexer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;
Indexer::~Indexer() = default;

Indexer Indexer::Open(const std::filesystem::path& dir) {
  auto impl = std::make_unique<Impl>(Impl{dir, OpenForWriting(dir)});
  Guard("marking index " + dir.string(), [&] {
    // Every document this index will hold is built by today's BuildDocument:
    // queries may ask for all of its terms (document_builder.h).
    if (impl->db.get_doccount() == 0 && impl->db.get_metadata(std::string(kTermFamiliesKey)).empty())
      impl->db.set_metadata(std::string(kTermFamiliesKey), std::string(kTermFamilies));
  });
  return Indexer(std::move(impl));
}

void Indexer::Upsert(const Record& record) {
  if (record.id.empty()) throw Error(Errc::kInvalidArgument, "cannot index a record without an id");
  Guard("indexing record " + record.id, [&] {
    Xapian::Document doc;
    BuildDocument(record, doc);
    // Xapian may flush on its own every XAPIAN_FLUSH_THRESHOLD documents;
    // such a flush carries documents without their outbox_seq, which is
    // harmless: the sequence never runs ahead of the documents, and replaying
    // an entry gives the same document.
    impl_->db.replace_document(std::string(prefix::kId) + record.id, doc);
  });
}

void Indexer::Remove(const std::string& record_id) {
  Guard("removing record " + record_id,
        [&] { impl_->db.delete_document(std::string(prefix::kId) + record_id); });
}

void Indexer::Commit(std::int64_t outbox_seq) {
  Guard("committing index " + impl_->dir.string(), [&] {
    impl_->db.set_metadata(kSeqKey, std::to_string(outbox_seq));
    impl_->db.commit();
  });
}

std::int64_t Indexer::LastAppliedSeq() const {
  const std::string s = Guard("reading index metadata", [&] { return impl_->db.get_metadata(kSeqKey); });
  return s.empty() ? 0 : ParseSeq(s);
}

std::int64_t Indexer::DocumentCount() const {
  return Guard("counting index documents", [&] { return static_cast<std::int64_t>(impl_->db.get_doccount()); });
}

bool Indexer::HasCurrentTermFamilies() const {
  return Guard("reading index metadata", [&] {
    return impl_->db.get_doccount() == 0 ||
           HasNameYearTerms(impl_->db.get_metadata(std::string(kTermFamiliesKey)));
  });
}

}  // namespace sovang::index
