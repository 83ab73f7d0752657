#pragma once
// Text put into HTML (search snippets, the verification page, error pages):
// & < > " ' as character references, everything else byte for byte (UTF-8
// passes through).

#include <string>
#include <string_view>

namespace sovang::text {

// Appends `s`, escaped, to `out` (no temporary: snippets escape word by word).
void AppendHtmlEscaped(std::string& out, std::string_view s);

std::string HtmlEscape(std::string_view s);

}  // namespace sovang::text
