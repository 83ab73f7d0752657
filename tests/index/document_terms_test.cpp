// Which name keys a document carries: exact and tone keys only for words with
// marks (queries ask for those only for words typed with marks), and the
// ranking they give stays what it was.

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <xapian.h>

#include "index/document_builder.h"
#include "index_test_support.h"

using namespace sovang;
using namespace sovang::index;
using namespace sovang::index::testing;

namespace {

std::vector<std::string> NameKeys(const Xapian::Document& doc) {
  std::vector<std::string> out;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
    if ((*it).rfind("NE", 0) == 0 || (*it).rfind("NT", 0) == 0) out.push_back(*it);
  return out;
}

}  // namespace

TEST_CASE("Only name words with marks carry exact and tone keys", "[index]") {
  Xapian::Document doc;
  BuildDocument(MakeRecord({.id = "a", .name = "Phan Minh Hoà"}), doc);
  CHECK(NameKeys(doc) == std::vector<std::string>{"NEhoà", "NThoà"});
}

TEST_CASE("Marks typed still rank the record written with them first", "[index]") {
  TestIndex index({{.id = "plain", .name = "Ly Van Thuy"},
                   {.id = "marked", .name = "Lý Văn Thủy"},
                   {.id = "other-tone", .name = "Lý Văn Thuỷ"}});
  const std::vector<std::string> marked = index.Ids("Lý Văn Thủy");
  REQUIRE(marked.size() == 3);
  CHECK(marked[0] == "marked");
  CHECK(marked[1] == "other-tone");  // the same word, the tone placed the other way
  CHECK(marked[2] == "plain");
  CHECK(index.Ids("ly van thuy").size() == 3);
}
