#include "text/html_escape.h"

namespace sovang::text {

void AppendHtmlEscaped(std::string& out, std::string_view s) {
  std::size_t plain = 0;  // start of the run of bytes copied as they are
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::string_view reference;
    switch (s[i]) {
      case '&': reference = "&amp;"; break;
      case '<': reference = "&lt;"; break;
      case '>': reference = "&gt;"; break;
      case '"': reference = "&quot;"; break;
      case '\'': reference = "&#39;"; break;
      default: continue;
    }
    out.append(s, plain, i - plain).append(reference);
    plain = i + 1;
  }
  out.append(s, plain, s.size() - plain);
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendHtmlEscaped(out, s);
  return out;
}

}  // namespace sovang::text
