#include "render/documents.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "render/pdf_canvas.h"
#include "render/qr_code.h"

namespace sovang::render {

namespace {

constexpr double kA4Short = 595.28;
constexpr double kA4Long = 841.89;

constexpr Color kBlack{0, 0, 0};
constexpr Color kRed{0.70, 0.08, 0.08};
constexpr Color kGold{0.72, 0.55, 0.16};
constexpr Color kGrey{0.35, 0.35, 0.35};

std::string Honorific(const std::string& gender) {
  if (gender == "nam") return "Ông";
  if (gender == "nữ" || gender == "nu") return "Bà";
  return "";
}

std::string WithHonorific(const std::string& gender, const std::string& name) {
  const std::string title = Honorific(gender);
  return title.empty() ? name : title + " " + name;
}

// "Quyết định số 543/QĐ-CTN ngày 10 tháng 8 năm 1975 của Chủ tịch nước"
std::string DecisionLine(const std::string& number, const std::string& date, const std::string& authority) {
  std::string line;
  if (!number.empty()) line = "Quyết định số " + number;
  if (!date.empty()) line += (line.empty() ? "Quyết định " : " ") + VietnameseDate(date);
  if (!line.empty() && !authority.empty()) line += " của " + authority;
  return line;
}

std::string ReissueLine(const CertificateDocument& d) {
  if (d.kind != "reissue") return "";
  std::string line = d.reissue_kind == "cap_doi" ? "Cấp đổi" : "Cấp lại";
  if (!d.issued_date.empty()) {
    // Two appends, not `" " + ...`: GCC 12 at -O3 raises a false -Wrestrict
    // on that temporary (GCC bug 105651).
    line += ' ';
    line += VietnameseDate(d.issued_date);
  }
  return line;
}

}  // namespace

std::string VietnameseDate(const std::string& iso_date) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (iso_date.size() != 10 || std::sscanf(iso_date.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
      m > 12 || d < 1 || d > 31) {
    return iso_date;
  }
  // Administrative style (Decree 30/2020): days below 10 and the months
  // January and February take a leading zero.
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "ngày %02d tháng %s%d năm %d", d, m <= 2 ? "0" : "", m, y);
  return buffer;
}

std::string RenderCertificatePdf(const CertificateDocument& d) {
  PdfCanvas page(kA4Long, kA4Short, {"Bằng " + d.award + " - " + d.recipient, "Mã xác minh " + d.code});
  const double w = page.width(), h = page.height();
  page.StrokeRect(18, 18, w - 36, h - 36, 3, kRed);
  page.StrokeRect(26, 26, w - 52, h - 52, 1, kGold);

  const double margin = 60, column = w - 2 * margin;
  double y = 44;
  y += page.Text("Cộng hòa xã hội chủ nghĩa Việt Nam", margin, y, column,
                 {.size = 13, .bold = true, .upper = true, .align = Align::kCenter});
  y += page.Text("Độc lập - Tự do - Hạnh phúc", margin, y, column, {.size = 13, .bold = true, .align = Align::kCenter});
  page.Line(w / 2 - 90, y + 3, w / 2 + 90, y + 3, 0.8, kBlack);
  y += 20;
  y += page.Text(d.authority, margin, y, column,
                 {.size = 18, .bold = true, .upper = true, .align = Align::kCenter, .color = kRed});
  y += 10;
  y += page.Text("Tặng", margin, y, column, {.size = 15, .italic = true, .align = Align::kCenter});
  y += 6;
  y += page.Text(d.award, margin, y, column,
                 {.size = 24, .bold = true, .upper = true, .align = Align::kCenter, .color = kRed});
  y += 14;
  y += page.Text(WithHonorific(d.gender, d.recipient), margin, y, column,
                 {.size = 26, .bold = true, .align = Align::kCenter});
  if (!d.address.empty()) {
    y += 4;
    y += page.Text(d.address, margin, y, column, {.size = 13, .italic = true, .align = Align::kCenter});
  }

  // Bottom left: what identifies the award; bottom right: the QR code.
  const double qr_side = 124;
  const double qr_x = w - margin - qr_side, qr_y = h - 48 - qr_side - 14;
  const double left_w = qr_x - margin - 20;
  std::string block = DecisionLine(d.decision_number, d.decision_date, "");
  if (!d.book_number.empty()) block += (block.empty() ? "" : "\n") + std::string("Số sổ vàng: ") + d.book_number;
  if (!d.code.empty()) block += (block.empty() ? "" : "\n") + std::string("Mã xác minh: ") + d.code;
  if (const std::string reissue = ReissueLine(d); !reissue.empty()) {
    block += "\n" + reissue;
    if (!d.issued_place.empty()) block += " tại " + d.issued_place;
  }
  const TextStyle block_style{.size = 12, .line_spacing = 1.25};
  const double block_h = page.Measure(block, left_w, block_style);
  page.Text(block, margin, std::max(y + 16, h - 48 - block_h), left_w, block_style);

  if (!d.verify_url.empty()) {
    page.Qr(EncodeQr(d.verify_url), qr_x, qr_y, qr_side);
    page.Text("Quét mã để xác minh", qr_x - 20, qr_y + qr_side + 1, qr_side + 40,
              {.size = 9, .italic = true, .align = Align::kCenter, .color = kGrey});
  }
  return page.Finish();
}

std::string RenderConfirmationPdf(const ConfirmationDocument& d) {
  PdfCanvas page(kA4Short, kA4Long, {"Giấy chứng nhận đã được khen thưởng - " + d.recipient, d.award});
  const double w = page.width();
  const double margin = 56, column = w - 2 * margin;

  // The letterhead: the office on the left, the national title on the right.
  const double left_w = 220, right_x = margin + left_w + 10, right_w = w - margin - right_x;
  const double office_h = page.Text(d.issuing_office, margin, 48, left_w,
                                    {.size = 11, .bold = true, .upper = true, .align = Align::kCenter});
  page.Line(margin + left_w / 2 - 40, 48 + office_h + 4, margin + left_w / 2 + 40, 48 + office_h + 4, 0.6, kBlack);
  double ry = 48;
  ry += page.Text("Cộng hòa xã hội chủ nghĩa Việt Nam", right_x, ry, right_w,
                  {.size = 11, .bold = true, .upper = true, .align = Align::kCenter});
  ry += page.Text("Độc lập - Tự do - Hạnh phúc", right_x, ry, right_w,
                  {.size = 11.5, .bold = true, .align = Align::kCenter});
  page.Line(right_x + right_w / 2 - 70, ry + 3, right_x + right_w / 2 + 70, ry + 3, 0.6, kBlack);
  ry += 12;
  std::string place_date = d.place;
  if (!d.issued_date.empty()) place_date += (place_date.empty() ? "" : ", ") + VietnameseDate(d.issued_date);
  ry += page.Text(place_date, right_x, ry, right_w, {.size = 11, .italic = true, .align = Align::kCenter});

  double y = std::max(ry, 48 + office_h) + 40;
  y += page.Text("Giấy chứng nhận", margin, y, column,
                 {.size = 20, .bold = true, .upper = true, .align = Align::kCenter});
  y += page.Text("Đã được khen thưởng", margin, y, column,
                 {.size = 14, .bold = true, .upper = true, .align = Align::kCenter});
  y += 28;

  const TextStyle body{.size = 12.5, .line_spacing = 1.2};
  const TextStyle strong{.size = 12.5, .bold = true, .line_spacing = 1.2};
  if (!d.issuing_office.empty()) y += page.Text(d.issuing_office + " chứng nhận:", margin, y, column, body) + 8;

  const double label_w = 150, value_x = margin + label_w, value_w = column - label_w;
  auto row = [&](const std::string& label, const std::string& value, const TextStyle& style) {
    if (value.empty()) return;
    page.Text(label, margin, y, label_w, body);
    y += std::max(page.Text(value, value_x, y, value_w, style), page.Measure(label, label_w, body)) + 4;
  };
  const std::string title = Honorific(d.gender);
  row(title.empty() ? "Họ và tên:" : title + ":", d.recipient, strong);
  row("Năm sinh:", d.birth_year, body);
  row("Quê quán:", d.hometown, body);
  row("Đã được tặng:", d.award, strong);
  row("Theo:", DecisionLine(d.decision_number, d.decision_date, d.authority), body);
  row("Số sổ vàng:", d.book_number, body);
  std::string reference = d.archive_reference;
  if (!d.record_id.empty()) reference += (reference.empty() ? "" : "; ") + std::string("mã hồ sơ ") + d.record_id;
  row("Căn cứ hồ sơ lưu trữ:", reference, body);

  y += 14;
  y += page.Text(
      "Giấy chứng nhận này được cấp căn cứ vào hồ sơ khen thưởng đang lưu trữ, để xác nhận việc đã được khen "
      "thưởng trong khi chờ cấp đổi hoặc cấp lại hiện vật khen thưởng.",
      margin, y, column, {.size = 11.5, .italic = true, .line_spacing = 1.2});

  const double sign_y = y + 30;
  page.Text("Thủ trưởng cơ quan", right_x, sign_y, right_w,
            {.size = 11.5, .bold = true, .upper = true, .align = Align::kCenter});
  page.Text("(Ký, ghi rõ họ tên và đóng dấu)", right_x, sign_y + 18, right_w,
            {.size = 10.5, .italic = true, .align = Align::kCenter, .color = kGrey});
  if (!d.verify_url.empty()) {
    const double side = 110;
    page.Qr(EncodeQr(d.verify_url), margin, sign_y, side);
    page.Text("Quét mã để xác minh", margin - 10, sign_y + side + 1, side + 20,
              {.size = 9, .italic = true, .align = Align::kCenter, .color = kGrey});
  }
  return page.Finish();
}

}  // namespace sovang::render
