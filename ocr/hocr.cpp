#include "ocr/hocr.h"

#include <cmath>
#include <string>
#include <string_view>

namespace sovang::ocr {
namespace {

void Escape(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
}

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
        Escape(out_, w.text);
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
  out += "<div class=\"ocr_page\" id=\"page_1\" title=\"" +
         BBox(Box{0, 0, page.width, page.height}) + "\">\n";
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
