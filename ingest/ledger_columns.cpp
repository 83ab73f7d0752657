#include "ingest/ledger_columns.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string_view>
#include <tuple>

#include "text/normalize.h"

namespace sovang::ingest {

namespace {

struct Synonyms {
  LedgerColumn column;
  std::string_view name;
  std::vector<std::string_view> folded;
};

const std::vector<Synonyms>& Table() {
  static const std::vector<Synonyms> kTable = {
      {LedgerColumn::kIndex, "index", {"stt", "so tt", "tt", "so thu tu", "thu tu"}},
      {LedgerColumn::kName,
       "name",
       {"ho va ten", "ho ten", "ten", "ho va ten nguoi duoc khen thuong", "ten ca nhan tap the", "ho va ten khai sinh",
        "ho ten nguoi duoc khen thuong", "ten don vi ca nhan"}},
      {LedgerColumn::kBirthYear, "birth_year", {"nam sinh", "sinh nam", "ns", "ngay sinh", "ngay thang nam sinh"}},
      {LedgerColumn::kGender, "gender", {"gioi tinh", "nam nu", "gioi"}},
      {LedgerColumn::kHometown,
       "hometown",
       {"que quan", "nguyen quan", "que", "dia chi", "que quan dia chi", "tru quan", "noi o"}},
      {LedgerColumn::kCommune, "commune", {"xa", "xa phuong"}},
      {LedgerColumn::kDistrict, "district", {"huyen", "quan huyen"}},
      {LedgerColumn::kProvince, "province", {"tinh", "tinh thanh pho"}},
      {LedgerColumn::kUnit,
       "unit",
       {"chuc vu", "don vi", "chuc vu don vi", "chuc vu don vi cong tac", "co quan don vi", "cap bac chuc vu don vi",
        "cap bac chuc vu", "chuc vu co quan"}},
      {LedgerColumn::kAward,
       "award",
       {"hinh thuc khen thuong", "hinh thuc", "khen thuong", "loai khen thuong", "hinh thuc khen", "danh hieu",
        "loai huan chuong", "huan huy chuong"}},
      {LedgerColumn::kDecision,
       "decision",
       {"so va ngay quyet dinh", "so ngay quyet dinh", "so quyet dinh ngay", "quyet dinh", "so ngay qd",
        "so va ngay qd", "quyet dinh so ngay", "so ky hieu ngay quyet dinh", "so ngay thang quyet dinh",
        "quyet dinh so va ngay"}},
      {LedgerColumn::kDecisionNumber, "decision_number", {"so quyet dinh", "so qd", "so hieu quyet dinh"}},
      {LedgerColumn::kDecisionDate,
       "decision_date",
       {"ngay quyet dinh", "ngay qd", "ngay ky", "ngay thang nam quyet dinh", "ngay ky quyet dinh"}},
      {LedgerColumn::kBookNumber, "book_number", {"so so vang", "so so", "so vang", "so bang", "so vao so"}},
      {LedgerColumn::kNote, "note", {"ghi chu"}},
  };
  return kTable;
}

// Folded, punctuation to spaces, spaces collapsed: "Số và ngày QĐ" -> "so va ngay qd".
std::string Key(std::string_view text_in) {
  std::string f = text::Fold(text_in);
  for (char& c : f) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    if (!keep) c = ' ';
  }
  return text::CollapseSpaces(f);
}

double Similarity(std::string_view a, std::string_view b) {
  const int len = static_cast<int>(std::max(a.size(), b.size()));
  if (len == 0) return 0.0;
  const int limit = len / 2;
  const int d = text::EditDistance(a, b, limit);
  if (d > limit) return 0.0;
  return 1.0 - static_cast<double>(d) / len;
}

// The first n words of a key.
std::string_view Prefix(std::string_view key, std::size_t words) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < key.size(); ++i)
    if (key[i] == ' ' && ++seen == words) return key.substr(0, i);
  return key;
}

std::size_t WordCount(std::string_view s) { return s.empty() ? 0 : std::count(s.begin(), s.end(), ' ') + 1; }

// Whether every word of a key (words apart by spaces) is one of `allowed`.
bool OnlyWords(std::string_view key, std::initializer_list<std::string_view> allowed) {
  std::size_t i = 0;
  while (i < key.size()) {
    while (i < key.size() && key[i] == ' ') ++i;
    std::size_t j = i;
    while (j < key.size() && key[j] != ' ') ++j;
    const std::string_view w = key.substr(i, j - i);
    if (!w.empty() && std::find(allowed.begin(), allowed.end(), w) == allowed.end()) return false;
    i = j;
  }
  return true;
}

}  // namespace

std::string_view LedgerColumnName(LedgerColumn column) {
  for (const auto& s : Table())
    if (s.column == column) return s.name;
  return "unknown";
}

namespace {
HeaderMatch MatchKey(const std::string& key);
}  // namespace

HeaderMatch MatchHeader(std::string_view header_text) {
  const std::string key = Key(header_text);
  // Two titles in one cell when the rule between them was not seen ("STT Họ
  // và tên"): the numbering is of no use, the other column is.
  for (std::string_view index : {"stt ", "tt ", "so tt "})
    if (key.size() > index.size() && key.compare(0, index.size(), index) == 0) {
      const HeaderMatch rest = MatchKey(key.substr(index.size()));
      if (rest.column != LedgerColumn::kUnknown) return rest;
    }
  // "STT | Số sổ vàng | Họ và tên" in one cell, their two-line titles read
  // interleaved ("Số STT số Họ và tên vàng"): the name's column, the numbers
  // before the name in its cells.
  if (const std::size_t at = (" " + key + " ").find(" ho va ten "); at != std::string::npos) {
    const std::string rest = key.substr(0, at) + " " + (at + 9 < key.size() ? key.substr(at + 9) : "");
    if (OnlyWords(rest, {"so", "stt", "tt", "vang", "thu", "tu"})) return HeaderMatch{LedgerColumn::kName, 0.9};
  }
  // "Năm sinh | Chức vụ, đơn vị" read interleaved ("Năm Chức vụ, sinh đơn
  // vị"): the year opens each cell, so the column is the year's.
  if (key.compare(0, 4, "nam ") == 0 && (" " + key + " ").find(" sinh ") != std::string::npos &&
      (" " + key + " ").find(" chuc vu ") != std::string::npos &&
      OnlyWords(key, {"nam", "sinh", "chuc", "vu", "don", "vi"}))
    return HeaderMatch{LedgerColumn::kBirthYear, 0.9};
  return MatchKey(key);
}

namespace {

HeaderMatch MatchKey(const std::string& key) {
  HeaderMatch best;
  if (key.empty()) return best;
  for (const auto& s : Table()) {
    for (std::string_view syn : s.folded) {
      double score = Similarity(key, syn);
      // "Họ và tên người được khen": the synonym is the start of a longer title.
      const std::size_t n = WordCount(syn);
      if (WordCount(key) > n) score = std::max(score, Similarity(Prefix(key, n), syn) - 0.1);
      // Short synonyms ("tt", "ns", "xa", "tinh") must be read exactly: one
      // letter off, "tinh" is "sinh" or "Hình".
      if (syn.size() <= 4 && key != syn) score = std::min(score, 0.5);
      if (score > best.score) best = HeaderMatch{s.column, score};
    }
  }
  if (best.score < 0.75) return HeaderMatch{};
  return best;
}

}  // namespace

std::vector<LedgerColumn> MapHeader(const std::vector<std::string>& header_texts) {
  std::vector<std::tuple<double, std::size_t, LedgerColumn>> candidates;
  for (std::size_t i = 0; i < header_texts.size(); ++i) {
    const HeaderMatch m = MatchHeader(header_texts[i]);
    if (m.column != LedgerColumn::kUnknown) candidates.emplace_back(m.score, i, m.column);
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
  std::vector<LedgerColumn> out(header_texts.size(), LedgerColumn::kUnknown);
  std::vector<LedgerColumn> taken;
  for (const auto& [score, cell, column] : candidates) {
    if (std::find(taken.begin(), taken.end(), column) != taken.end()) continue;
    out[cell] = column;
    taken.push_back(column);
  }
  return out;
}

bool NamesWhole(std::string_view header_text, LedgerColumn column) {
  const std::string key = Key(header_text);
  for (const auto& s : Table()) {
    if (s.column != column) continue;
    for (std::string_view syn : s.folded) {
      if (syn.size() <= 3) continue;
      if (Similarity(key, syn) >= 0.75) return true;
    }
  }
  return false;
}

int CountHeaderCells(const std::vector<std::string>& texts) {
  int n = 0;
  for (const auto& t : texts)
    if (MatchHeader(t).column != LedgerColumn::kUnknown) ++n;
  return n;
}

}  // namespace sovang::ingest
