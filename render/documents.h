#pragma once
// Printable documents made from the archive, as PDF bytes: a certificate
// (bằng) with its verification code and QR, and a confirmation letter (giấy
// chứng nhận đã được khen thưởng) for a record. Text is laid out with Pango in
// a serif font that covers Vietnamese (Noto Serif, else DejaVu Serif), so
// every diacritic is shaped and the PDF's text layer carries it intact.
//
// Input strings are UTF-8 (NFC is applied here anyway); dates are ISO
// "YYYY-MM-DD" and are printed the Vietnamese way ("ngày 10 tháng 8 năm
// 1975"); a date that is not ISO is printed as given. Empty fields are left
// out of the page.

#include <string>

namespace sovang::render {

// One certificate: the award as the original printed it, and this copy's
// own code.
struct CertificateDocument {
  std::string authority;          // "Chủ tịch nước"
  std::string award;              // "Huân chương Kháng chiến hạng Nhất"
  std::string recipient;          // "Nguyễn Văn Thạch"
  std::string gender;             // "nam" -> "Ông", "nữ" -> "Bà", else no title
  std::string address;            // printed under the name when not empty
  std::string decision_number;    // "543/QĐ-CTN"
  std::string decision_date;      // "1975-08-10"
  std::string book_number;        // số sổ vàng
  std::string code;               // the verification code, printed in full
  std::string verify_url;         // what the QR code holds; no QR when empty
  std::string kind = "original";  // "original" | "reissue"
  std::string reissue_kind;       // "cap_doi" | "cap_lai" (reissues only)
  std::string issued_date;        // this copy's date (reissues)
  std::string issued_place;       // "Lạng Sơn"
};

// A letter confirming from the archive that a person was awarded.
struct ConfirmationDocument {
  std::string issuing_office;  // "Ban Thi đua - Khen thưởng tỉnh Lạng Sơn"
  std::string place;           // "Lạng Sơn"
  std::string issued_date;     // "2025-03-01"
  std::string recipient;
  std::string gender;
  std::string birth_year;  // "1932"
  std::string hometown;    // "Lộc Yên, Cao Lộc, Lạng Sơn"
  std::string award;
  std::string authority;
  std::string decision_number;
  std::string decision_date;
  std::string book_number;
  std::string archive_reference;  // "p004_ledger.tif, trang 1" — the evidence
  std::string record_id;
  std::string verify_url;  // optional QR (e.g. the record's certificate)
};

// PDF bytes of a one-page A4 landscape certificate. Throws Error(kInternal)
// when Cairo fails, Error(kInvalidArgument) when the QR cannot hold the URL.
std::string RenderCertificatePdf(const CertificateDocument& document);

// PDF bytes of a one-page A4 portrait confirmation letter. Throws like
// RenderCertificatePdf.
std::string RenderConfirmationPdf(const ConfirmationDocument& document);

// "1975-08-10" -> "ngày 10 tháng 8 năm 1975"; other text is returned as given.
std::string VietnameseDate(const std::string& iso_date);

}  // namespace sovang::render
