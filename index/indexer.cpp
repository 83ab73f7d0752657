#include "index/indexer.h"

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string_view>

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

// Which id terms this indexer added to an index that held no document when
// it was opened: a Bloom filter. replace_document(id term) looks the term up
// in the postings table for every document, about 6% of a rebuild's CPU; a
// term surely never added cannot be there, so its document is just added.
// "Maybe added" (the same record upserted again, or a false positive) falls
// back to replace_document, which is always right.
class AddedIds {
 public:
  // True when `term` was surely not inserted before; inserts it either way.
  // Past kMaxIds the filter would answer "maybe" too often: it stops
  // answering "new".
  bool InsertNew(std::string_view term) {
    if (count_ >= kMaxIds) return false;
    if (!bits_) bits_.reset(static_cast<std::uint64_t*>(std::calloc(kWords, sizeof(std::uint64_t))));
    if (!bits_) return false;
    std::uint64_t h = std::hash<std::string_view>{}(term);
    const std::uint64_t step = Mix(h) | 1;
    bool is_new = false;
    for (int i = 0; i < kProbes; ++i, h += step) {
      const std::uint64_t bit = h & (kBits - 1);
      std::uint64_t& word = bits_.get()[bit / 64];
      const std::uint64_t mask = std::uint64_t{1} << (bit % 64);
      if (!(word & mask)) {
        is_new = true;
        word |= mask;
      }
    }
    ++count_;
    return is_new;
  }

 private:
  static constexpr std::uint64_t kBits = std::uint64_t{1} << 26;  // 8 MiB, allocated on first use
  static constexpr std::size_t kWords = kBits / 64;
  static constexpr int kProbes = 4;
  static constexpr std::int64_t kMaxIds = 8'000'000;  // ~1% false positives there

  static std::uint64_t Mix(std::uint64_t x) {  // splitmix64's finaliser
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  }

  struct Free {
    void operator()(std::uint64_t* p) const { std::free(p); }
  };
  std::unique_ptr<std::uint64_t, Free> bits_;
  std::int64_t count_ = 0;
};

}  // namespace

struct Indexer::Impl {
  std::filesystem::path dir;
  Xapian::WritableDatabase db;
  bool bulk = false;
  bool was_empty = false;  // no document when opened: AddedIds knows every id the index holds
  AddedIds added;
  int since_flush = 0;
};

Indexer::Indexer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;
Indexer::~Indexer() = default;

Indexer Indexer::Open(const std::filesystem::path& dir, IndexerOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->db = OpenForWriting(dir, /*durable=*/!options.bulk);
  impl->bulk = options.bulk;
  Guard("marking index " + dir.string(), [&] {
    impl->was_empty = impl->db.get_doccount() == 0;
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
    // Xapian may flush on its own every XAPIAN_FLUSH_THRESHOLD documents (a
    // bulk index every kBulkFlushEvery); such a flush carries documents
    // without their outbox_seq, which is harmless: the sequence never runs
    // ahead of the documents, and replaying an entry gives the same document.
    std::string id_term = std::string(prefix::kId) + record.id;
    if (impl_->was_empty && impl_->added.InsertNew(id_term)) {
      impl_->db.add_document(doc);
    } else {
      impl_->db.replace_document(id_term, doc);
    }
    if (impl_->bulk && ++impl_->since_flush >= kBulkFlushEvery) {
      impl_->db.commit();
      impl_->since_flush = 0;
    }
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
    impl_->since_flush = 0;
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
    return impl_->db.get_doccount() == 0 || HasEveryTermFamily(impl_->db.get_metadata(std::string(kTermFamiliesKey)));
  });
}

}  // namespace sovang::index
