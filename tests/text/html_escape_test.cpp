#include "text/html_escape.h"

#include <string>

#include <catch2/catch.hpp>

using sovang::text::AppendHtmlEscaped;
using sovang::text::HtmlEscape;

TEST_CASE("HTML escaping turns the five markup characters into references and keeps the rest", "[text]") {
  CHECK(HtmlEscape("") == "");
  CHECK(HtmlEscape("Nguyễn Văn Thạch") == "Nguyễn Văn Thạch");
  CHECK(HtmlEscape("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  CHECK(HtmlEscape("a & b \"c\"") == "a &amp; b &quot;c&quot;");
  CHECK(HtmlEscape("&&") == "&amp;&amp;");
  CHECK(HtmlEscape("803/QĐ-CTN>") == "803/QĐ-CTN&gt;");
}

TEST_CASE("Escaped text is appended after what the string holds", "[text]") {
  std::string out = "<mark>";
  AppendHtmlEscaped(out, "Lê <b>");
  AppendHtmlEscaped(out, "");
  out += "</mark>";
  CHECK(out == "<mark>Lê &lt;b&gt;</mark>");
}
