// index/raw_tags.cpp: libxapian's deflate is asked for stored blocks, so
// Xapian writes term lists uncompressed; any other deflate in the process
// still compresses.

#include <filesystem>
#include <string>

#include <catch2/catch.hpp>
#include <xapian.h>
#include <zlib.h>

#include "index/indexer.h"
#include "index_test_support.h"

using namespace sovang::index;
using namespace sovang::index::testing;

TEST_CASE("Xapian writes term lists as they are", "[index]") {
  TempDir tmp;
  const std::filesystem::path dir = tmp.path() / "index";
  Indexer::Open(dir).Commit(0);  // sovang's way in, which links raw_tags.cpp
  // Deflate would make a document's 100 terms a few hundred bytes: Xapian
  // stores them sorted, each after what it shares with the one before, and
  // here they share only the 40 letters after their number.
  const std::string tail(40, 'x');
  {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_OPEN);
    for (int i = 0; i < 200; ++i) {
      Xapian::Document doc;
      doc.set_data("record " + std::to_string(i));
      for (int t = 0; t < 100; ++t) doc.add_term(std::to_string(t) + tail);
      db.add_document(doc);
    }
    db.commit();
  }
  CHECK(std::filesystem::file_size(dir / "termlist.glass") >= 200 * 100 * tail.size());
  Xapian::Database db(dir.string());
  CHECK(db.get_document(7).get_data() == "record 6");
  const Xapian::Document doc = db.get_document(7);
  CHECK(doc.termlist_count() == 100);
  CHECK(*doc.termlist_begin() == "0" + tail);
}

TEST_CASE("A deflate not started by libxapian still compresses", "[index]") {
  TempDir tmp;
  Indexer::Open(tmp.path() / "index").Commit(0);
  z_stream stream{};
  REQUIRE(deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string in(4096, 'a'), out(4096, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(in.data());
  stream.avail_in = static_cast<uInt>(in.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  CHECK(deflate(&stream, Z_FINISH) == Z_STREAM_END);
  CHECK(stream.total_out < 100);
  deflateEnd(&stream);
}
