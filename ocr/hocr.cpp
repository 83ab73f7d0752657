#include "ocr/hocr.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "text/html_escape.h"

namespace sovang::ocr {
namespace {

std::string BBox(const Box& b) {
  return "bbox " + std::to_string(b.x) + " " + std::to_string(b.y) + " " +
         std::to_string(b.x + b.w) + " " + std::to_string(b.y + b.h);
}

class Writer {
 public:
  void Lines(const std::vector<Line>& lines, const std::string& indent) {
    for (const Line& line : lines) {
      const int id = ++line_id_;
      out_ += indent + "<span class=\"ocr_line\" id=\"line_1_" + std::to_string(id) + "\" title=\"" +
              BBox(line.box) + "\">";
      for (const Word& w : line.words) {
        out_ += "<span class=\"ocrx_word\" id=\"word_1_" + std::to_string(++word_id_) +
                "\" title=\"" + BBox(w.box) + "; x_wconf " +
                std::to_string(static_cast<int>(std::lround(w.confidence * 100))) + "\">";
        text::AppendHtmlEscaped(out_, w.text);
        out_ += "</span> ";
      }
      if (!line.words.empty()) out_.pop_back();
      out_ += "</span>\n";
    }
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
  int line_id_ = 0, word_id_ = 0;
};

}  // namespace

std::string ToHocr(const RecognizedPage& page) {
  Writer w;
  std::string& out = w.out();
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
      "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
      "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"vi\" lang=\"vi\">\n<head>\n"
      "<title></title>\n<meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n"
      "<meta name=\"ocr-system\" content=\"sovang (Tesseract)\"/>\n"
      "<meta name=\"ocr-capabilities\" content=\"ocr_page ocr_carea ocr_line ocrx_word ocr_table\"/>\n"
      "</head>\n<body>\n";
  // The page's turn and deskew, so a word can be cut out of the stored page
  // image as it was read (the second look on stored pages). `textangle`:
  // how far the text on the page as given is turned counter-clockwise, which
  // is how far the page was turned clockwise to read it (RecognizedPage::
  // rotation); `x_skew`: the deskew applied (RecognizedPage::skew_degrees,
  // Leptonica's sign), written so that it reads back to the same double.
  out += "<div class=\"ocr_page\" id=\"page_1\" title=\"" + BBox(Box{0, 0, page.width, page.height});
  if (page.rotation != 0) out += "; textangle " + std::to_string(page.rotation);
  if (page.skew_degrees != 0.0) {
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, page.skew_degrees).ptr;
    out += "; x_skew " + std::string(buf, end);
  }
  out += "\">\n";
  w.Lines(page.lines, " ");
  if (page.table) {
    Box table_box;
    for (const Cell& c : page.table->cells) table_box = Union(table_box, c.box);
    out += " <div class=\"ocr_table\" title=\"" + BBox(table_box) + "\">\n";
    for (const Cell& c : page.table->cells) {
      out += "  <div class=\"ocr_carea\" id=\"cell_" + std::to_string(c.row) + "_" +
             std::to_string(c.col) + "\" title=\"" + BBox(c.box) + "; x_cell " +
             std::to_string(c.row) + " " + std::to_string(c.col) + "\">\n";
      w.Lines(c.lines, "   ");
      out += "  </div>\n";
    }
    out += " </div>\n";
  }
  out += "</div>\n</body>\n</html>\n";
  return out;
}

}  // namespace sovang::ocr

namespace sovang::ocr {
namespace {

std::string Unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    static constexpr std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
    bool done = false;
    for (const auto& [entity, c] : kEntities)
      if (s.compare(i, entity.size(), entity) == 0) {
        out += c;
        i += entity.size() - 1;
        done = true;
        break;
      }
    if (!done) out += '&';
  }
  return out;
}

// The value of attribute `name` in a start tag.
std::string_view Attribute(std::string_view tag, std::string_view name) {
  for (const char quote : {'"', '\''}) {
    const std::string key = std::string(name) + "=" + quote;
    const std::size_t at = tag.find(key);
    if (at == std::string_view::npos) continue;
    const std::size_t begin = at + key.size();
    const std::size_t end = tag.find(quote, begin);
    if (end == std::string_view::npos) return {};
    return tag.substr(begin, end - begin);
  }
  return {};
}

// Numbers after `key` in a title ("bbox 1 2 3 4; x_wconf 96").
std::vector<int> TitleNumbers(std::string_view title, std::string_view key, std::size_t count) {
  std::vector<int> out;
  std::size_t at = title.find(key);
  if (at == std::string_view::npos) return out;
  at += key.size();
  while (out.size() < count && at < title.size()) {
    while (at < title.size() && title[at] == ' ') ++at;
    std::size_t end = at;
    if (end < title.size() && title[end] == '-') ++end;
    while (end < title.size() && title[end] >= '0' && title[end] <= '9') ++end;
    if (end == at) break;
    out.push_back(std::stoi(std::string(title.substr(at, end - at))));
    at = end;
  }
  return out;
}

// The number after `key` in a title ("x_skew -0.25"), if any.
std::optional<double> TitleDouble(std::string_view title, std::string_view key) {
  std::size_t at = 0;
  // The key as a whole word ("; x_skew", not part of another key).
  while ((at = title.find(key, at)) != std::string_view::npos) {
    if (at == 0 || title[at - 1] == ' ' || title[at - 1] == ';') break;
    at += key.size();
  }
  if (at == std::string_view::npos) return std::nullopt;
  at += key.size();
  while (at < title.size() && title[at] == ' ') ++at;
  double value = 0.0;
  const auto [end, ec] = std::from_chars(title.data() + at, title.data() + title.size(), value);
  if (ec != std::errc() || end == title.data() + at) return std::nullopt;
  return value;
}

Box BoxOfTitle(std::string_view title) {
  const auto n = TitleNumbers(title, "bbox", 4);
  if (n.size() < 4) return {};
  return Box{n[0], n[1], n[2] - n[0], n[3] - n[1]};
}

}  // namespace

RecognizedPage ParseHocr(std::string_view hocr) {
  RecognizedPage page;
  Cell* cell = nullptr;
  Line* line = nullptr;
  std::vector<Cell> cells;
  double confidence_sum = 0.0;
  std::size_t words = 0;
  std::size_t pos = 0;
  while ((pos = hocr.find('<', pos)) != std::string_view::npos) {
    const std::size_t close = hocr.find('>', pos);
    if (close == std::string_view::npos) break;
    const std::string_view tag = hocr.substr(pos, close - pos + 1);
    pos = close + 1;
    if (tag.size() < 2 || tag[1] == '/' || tag[1] == '!' || tag[1] == '?') {
      if (tag.compare(0, 6, "</div>") == 0) {
        cell = nullptr;
        line = nullptr;
      }
      continue;
    }
    const std::string_view cls = Attribute(tag, "class");
    const std::string_view title = Attribute(tag, "title");
    if (cls == "ocr_page") {
      const Box b = BoxOfTitle(title);
      page.width = b.w;
      page.height = b.h;
      if (const auto angle = TitleDouble(title, "textangle")) {
        page.rotation = ((static_cast<int>(std::lround(*angle)) % 360) + 360) % 360;
      }
      if (const auto skew = TitleDouble(title, "x_skew")) page.skew_degrees = *skew;
    } else if (cls == "ocr_carea") {
      const auto rc = TitleNumbers(title, "x_cell", 2);
      if (rc.size() == 2) {
        cells.push_back(Cell{rc[0], rc[1], BoxOfTitle(title), {}});
        cell = &cells.back();
        line = nullptr;
      }
    } else if (cls == "ocr_line") {
      std::vector<Line>& into = cell ? cell->lines : page.lines;
      into.push_back(Line{{}, BoxOfTitle(title)});
      line = &into.back();
    } else if (cls == "ocrx_word" && line) {
      const std::size_t end = hocr.find("</span>", pos);
      if (end == std::string_view::npos) break;
      const auto conf = TitleNumbers(title, "x_wconf", 1);
      Word w{Unescape(hocr.substr(pos, end - pos)), BoxOfTitle(title), conf.empty() ? 0.0 : conf[0] / 100.0};
      confidence_sum += w.confidence;
      ++words;
      line->words.push_back(std::move(w));
      pos = end + 7;
    }
  }
  if (!cells.empty()) {
    Table table;
    for (const Cell& c : cells) {
      table.rows = std::max(table.rows, c.row + 1);
      table.cols = std::max(table.cols, c.col + 1);
    }
    table.cells = std::move(cells);
    page.table = std::move(table);
  }
  page.mean_confidence = words ? confidence_sum / static_cast<double>(words) : 0.0;
  page.hocr = std::string(hocr);
  return page;
}

}  // namespace sovang::ocr
