#pragma once
// Internal: Xapian's term lists are written uncompressed
// (raw_tags.cpp says why and how). The deflateInit2_ that does it lives in
// raw_tags.cpp; calling this from the code that opens an index for writing
// is what links that file into every program that writes one.

namespace sovang::index::internal {

void StoreXapianTagsRaw();

}  // namespace sovang::index::internal
