#pragma once
// gzip bodies (RFC 1952) with zlib: search answers are kept deflated in the
// answer cache and sent as they are to clients that accept gzip.

#include <string>
#include <string_view>

namespace sovang::server {

class Request;

// `data` as a gzip member. Level 1: JSON answers shrink about 5x at a tenth
// of a search's cost; higher levels gain little on them.
std::string Gzip(std::string_view data, int level = 1);

// The bytes of a gzip member; `size_hint` (the plain size, when known) saves
// regrowing the output. Throws Error(kInternal) for a stream that is not gzip.
std::string Gunzip(std::string_view gzip, std::size_t size_hint = 0);

// Whether the request's Accept-Encoding allows gzip (a "gzip" or "*" coding
// not given q=0).
bool AcceptsGzip(const Request& request);

}  // namespace sovang::server
