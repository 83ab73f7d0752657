#include "ingest/csv_import.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <ctime>
#include <map>

#include "core/award_catalog.h"
#include "core/decision_number.h"
#include "core/error.h"
#include "crypto/sha256.h"
#include "ingest/index_sync.h"
#include "ingest/record_writer.h"
#include "store/records.h"
#include "store/sources.h"
#include "text/legacy_encoding.h"
#include "text/normalize.h"

namespace sovang::ingest {

namespace {

// Headers as people write them, folded (marks removed, lower case, single spaces).
const std::map<std::string, FieldId>& HeaderTable() {
  static const std::map<std::string, FieldId> table = {
      {"ho va ten", FieldId::kFullName},       {"ho ten", FieldId::kFullName},
      {"ten", FieldId::kFullName},             {"nguoi duoc khen", FieldId::kFullName},
      {"gioi tinh", FieldId::kGender},         {"nam nu", FieldId::kGender},
      {"nam sinh", FieldId::kBirthYear},       {"sinh nam", FieldId::kBirthYear},
      {"que quan", FieldId::kCommune},         {"que", FieldId::kCommune},
      {"xa", FieldId::kCommune},               {"xa phuong", FieldId::kCommune},
      {"huyen", FieldId::kDistrict},           {"tinh", FieldId::kProvince},
      {"hinh thuc khen thuong", FieldId::kAward}, {"khen thuong", FieldId::kAward},
      {"hinh thuc", FieldId::kAward},          {"ma khen thuong", FieldId::kAwardCode},
      {"so quyet dinh", FieldId::kDecisionNumber}, {"so qd", FieldId::kDecisionNumber},
      {"so va ngay quyet dinh", FieldId::kDecisionNumber}, {"quyet dinh", FieldId::kDecisionNumber},
      {"ngay quyet dinh", FieldId::kDecisionDate}, {"ngay qd", FieldId::kDecisionDate},
      {"co quan quyet dinh", FieldId::kAuthority}, {"cap khen", FieldId::kAuthority},
      {"so so vang", FieldId::kBookNumber},    {"so vang", FieldId::kBookNumber},
  };
  return table;
}

std::string HeaderKey(const std::string& header) {
  std::string folded = text::Fold(header);
  for (char& c : folded)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = ' ';
  return text::CollapseSpaces(folded);
}

// The place word before a name ("xã Lộc Yên"), and which level it marks.
struct PlaceWord {
  const char* folded;
  FieldId level;
};
constexpr PlaceWord kPlaceWords[] = {
    {"thi tran ", FieldId::kCommune}, {"phuong ", FieldId::kCommune}, {"xa ", FieldId::kCommune},
    {"thi xa ", FieldId::kDistrict},  {"thanh pho ", FieldId::kDistrict}, {"huyen ", FieldId::kDistrict},
    {"tinh ", FieldId::kProvince},
};

// Splits "xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn" or "Lộc Yên - Cao Lộc - Lạng
// Sơn" into its levels, names without the level word.
std::map<FieldId, std::string> SplitHometown(const std::string& hometown) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : hometown) {
    if (c == ',' || c == ';' || c == '-') {
      parts.push_back(text::CollapseSpaces(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  parts.push_back(text::CollapseSpaces(current));
  parts.erase(std::remove(parts.begin(), parts.end(), std::string()), parts.end());

  std::map<FieldId, std::string> out;
  std::vector<std::string> unlabelled;
  for (const std::string& part : parts) {
    const std::string folded = text::Fold(part);
    bool labelled = false;
    for (const PlaceWord& w : kPlaceWords) {
      const std::size_t n = std::strlen(w.folded);
      if (folded.compare(0, n, w.folded) == 0) {
        // Skip the level word in the original text: as many words as it has.
        const int words = static_cast<int>(std::count(w.folded, w.folded + n, ' '));
        std::size_t pos = 0;
        for (int i = 0; i < words; ++i) pos = part.find(' ', pos) + 1;
        out[w.level] = text::CollapseSpaces(part.substr(pos));
        labelled = true;
        break;
      }
    }
    if (!labelled) unlabelled.push_back(part);
  }
  // Unlabelled parts fill the levels from the smallest up.
  const FieldId order[] = {FieldId::kCommune, FieldId::kDistrict, FieldId::kProvince};
  std::size_t next = 0;
  for (const std::string& part : unlabelled) {
    while (next < 3 && out.count(order[next])) ++next;
    if (next == 3) break;
    out[order[next++]] = part;
  }
  return out;
}

const AwardForm* MatchAward(const std::string& name) {
  const AwardCatalog& catalog = AwardCatalog::Default();
  if (const AwardForm* exact = catalog.ByName(name)) return exact;
  const std::string folded = text::CollapseSpaces(text::Fold(name));
  for (const AwardForm& f : catalog.forms()) {
    if (text::Fold(f.name) == folded) return &f;
    for (const std::string& alias : f.aliases)
      if (text::Fold(alias) == folded) return &f;
  }
  return nullptr;
}

void SetField(Record& r, FieldId id, const std::string& verbatim, const std::string& value, double confidence) {
  r[id] = Field{verbatim, value, value.empty() ? 0.0 : confidence, {}};
}

std::string NowIso() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

}  // namespace

std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  const std::string_view first_line = std::string_view(text).substr(0, text.find('\n'));
  char delimiter = ',';
  std::size_t best = std::count(first_line.begin(), first_line.end(), ',');
  for (char d : {';', '\t'}) {
    const auto n = static_cast<std::size_t>(std::count(first_line.begin(), first_line.end(), d));
    if (n > best) {
      best = n;
      delimiter = d;
    }
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell.push_back(c);
      }
      continue;
    }
    if (c == '"' && cell.empty()) {
      quoted = any = true;
    } else if (c == delimiter) {
      row.push_back(std::move(cell));
      cell.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !cell.empty()) {
        row.push_back(std::move(cell));
        rows.push_back(std::move(row));
      } else {
        rows.emplace_back();  // keep line numbers true
      }
      row.clear();
      cell.clear();
      any = false;
    } else {
      cell.push_back(c);
      any = true;
    }
  }
  if (any || !cell.empty()) {
    row.push_back(std::move(cell));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::optional<FieldId> FieldOfHeader(const std::string& header) {
  const std::string trimmed = text::CollapseSpaces(header);
  if (auto id = FieldFromKey(trimmed)) return id;  // record JSON keys
  const auto it = HeaderTable().find(HeaderKey(trimmed));
  if (it == HeaderTable().end()) return std::nullopt;
  return it->second;
}

CsvImportResult ReadCsvRecords(const std::string& bytes, const std::string& file_name, const std::string& sha256) {
  CsvImportResult result;
  const text::Encoding encoding = text::DetectEncoding(bytes);
  result.encoding = std::string(text::EncodingName(encoding));
  std::string decoded = text::ToUnicode(bytes, encoding);
  if (decoded.rfind("\xEF\xBB\xBF", 0) == 0) decoded.erase(0, 3);  // BOM
  const auto rows = ParseCsv(decoded);
  if (rows.empty()) throw Error(Errc::kCorruptInput, file_name + ": tệp CSV rỗng (empty CSV)");

  // Map columns; "Quê quán" and "Số và ngày quyết định" are split later.
  std::vector<std::optional<FieldId>> columns;
  std::vector<bool> whole_hometown, decision_with_date;
  for (const std::string& header : rows.front()) {
    columns.push_back(FieldOfHeader(header));
    const std::string key = HeaderKey(header);
    whole_hometown.push_back(key == "que quan" || key == "que");
    decision_with_date.push_back(key == "so va ngay quyet dinh" || key == "quyet dinh");
  }
  if (std::find(columns.begin(), columns.end(), std::optional<FieldId>(FieldId::kFullName)) == columns.end()) {
    throw Error(Errc::kInvalidArgument,
                file_name + ": không có cột họ tên (no name column; expected \"Họ và tên\" or \"full_name\")");
  }

  int ordinal = 0;
  for (std::size_t line = 1; line < rows.size(); ++line) {
    const auto& row = rows[line];
    const std::string where = file_name + " (dòng " + std::to_string(line + 1) + ")";
    if (row.empty() || std::all_of(row.begin(), row.end(), [](const std::string& c) { return text::CollapseSpaces(c).empty(); }))
      continue;
    if (row.size() > columns.size()) {
      result.bad_rows.push_back({where, "nhiều cột hơn tiêu đề (" + std::to_string(row.size()) + " > " +
                                            std::to_string(columns.size()) + ")"});
      continue;
    }
    Record r;
    r.kind = PageKind::kCsv;
    r.source.file = file_name;
    r.source.sha256 = sha256;
    r.source.row = static_cast<int>(line + 1);
    bool doubtful = false;
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (!columns[c]) continue;
      const std::string cell = text::CollapseSpaces(text::Nfc(row[c]));
      if (cell.empty()) continue;
      const FieldId id = *columns[c];
      if (whole_hometown[c]) {
        for (const auto& [level, name] : SplitHometown(cell)) SetField(r, level, name, name, 1.0);
        continue;
      }
      switch (id) {
        case FieldId::kBirthYear: {
          const bool ok = cell.size() == 4 && std::all_of(cell.begin(), cell.end(), ::isdigit) &&
                          std::stoi(cell) >= 1850 && std::stoi(cell) <= 2025;
          SetField(r, id, cell, ok ? cell : "", 1.0);
          doubtful |= !ok;
          break;
        }
        case FieldId::kGender: {
          const std::string f = text::Fold(cell);
          const std::string g = (f == "nam" || f == "ong") ? "nam" : (f == "nu" || f == "ba") ? "nữ" : "";
          SetField(r, id, cell, g, 1.0);
          break;
        }
        case FieldId::kAward: {
          const AwardForm* form = MatchAward(cell);
          SetField(r, id, cell, form ? form->name : cell, form ? 1.0 : 0.6);
          if (form) {
            SetField(r, FieldId::kAwardCode, form->code, form->code, 1.0);
            if (!r[FieldId::kAuthority].present()) SetField(r, FieldId::kAuthority, form->authority, form->authority, 0.9);
          }
          doubtful |= !form;
          break;
        }
        case FieldId::kDecisionNumber: {
          std::string number = cell, date;
          if (decision_with_date[c]) {
            const std::string folded = text::Fold(cell);
            const auto at = folded.find("ngay");
            if (at != std::string::npos) {
              // Folding keeps byte offsets only for ASCII; find "ngày" in the original.
              const auto original_at = cell.find("ng", at > 4 ? at - 4 : 0);
              number = text::CollapseSpaces(cell.substr(0, original_at));
              date = cell.substr(original_at);
            }
          }
          while (!number.empty() && (number.back() == ',' || number.back() == ' ')) number.pop_back();
          const bool ok = ParseDecisionNumber(number).has_value();
          SetField(r, id, number, number, ok ? 1.0 : 0.6);
          doubtful |= !ok;
          if (const auto iso = date.empty() ? std::nullopt : ParseDate(date)) SetField(r, FieldId::kDecisionDate, date, *iso, 1.0);
          break;
        }
        case FieldId::kDecisionDate: {
          const auto iso = ParseDate(cell);
          SetField(r, id, cell, iso.value_or(""), 1.0);
          doubtful |= !iso;
          break;
        }
        default:
          SetField(r, id, cell, cell, 1.0);
      }
    }
    if (!r[FieldId::kFullName].present()) {
      result.bad_rows.push_back({where, "thiếu họ tên (no name)"});
      continue;
    }
    r.id = MakeRecordId(sha256, 0, ++ordinal);
    UpdateRecordConfidence(r);
    r.review = doubtful ? ReviewState::kNeedsReview : ReviewState::kAuto;
    result.records.push_back(std::move(r));
  }
  return result;
}

IngestReport ImportCsv(const ArchiveLayout& layout, store::Database& db, index::Indexer& indexer,
                       const std::vector<std::filesystem::path>& files) {
  IngestReport report;
  layout.CreateDirectories();
  store::Sources sources(db);
  for (const std::filesystem::path& file : files) {
    try {
      const std::string bytes = ReadFile(file);
      if (bytes.empty()) throw Error(Errc::kCorruptInput, "tệp rỗng (zero-byte file)");
      const std::string sha = crypto::Sha256Hex(bytes);
      if (const auto existing = sources.FindBySha(sha); existing && existing->status == "done") {
        ++report.skipped;
        continue;
      }
      CsvImportResult result = ReadCsvRecords(bytes, file.filename().string(), sha);
      const std::filesystem::path master = layout.master(sha, ".csv");
      if (!std::filesystem::exists(master)) WriteFileAtomically(master, bytes);
      db.Transaction([&] {
        std::int64_t source_id;
        if (const auto existing = sources.FindBySha(sha)) {
          source_id = existing->id;
        } else {
          store::SourceRow row;
          row.sha256 = sha;
          row.file_name = file.filename().string();
          row.original_path = std::filesystem::absolute(file).string();
          row.master_path = std::filesystem::relative(master, layout.root).string();
          row.media_type = "text/csv";
          row.size_bytes = static_cast<std::int64_t>(bytes.size());
          row.status = "pending";
          row.ingested_at = NowIso();
          source_id = sources.Add(row);
        }
        StoreRecords(db, result.records);
        sources.SetStatus(source_id, "done", "", 0);
      });
      ++report.sources;
      report.records += static_cast<std::int64_t>(result.records.size());
      report.failed.insert(report.failed.end(), result.bad_rows.begin(), result.bad_rows.end());
    } catch (const Error& e) {
      report.failed.push_back({file.string(), e.what()});
    }
  }
  SyncIndex(db, indexer);
  return report;
}

}  // namespace sovang::ingest
