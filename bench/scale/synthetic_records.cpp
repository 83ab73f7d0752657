#include "synthetic_records.h"

#include <cstdio>

#include "core/decision_number.h"

namespace sovang::bench {

namespace {

struct Weighted {
  const char* text;
  int weight;
};

// Surnames with rough national shares (domain.md), plus Lạng Sơn's Tày and Nùng names.
const Weighted kSurnames[] = {
    {"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95},  {"Phạm", 70}, {"Hoàng", 50}, {"Huỳnh", 10}, {"Vũ", 30},
    {"Võ", 15},      {"Phan", 25},  {"Đặng", 20}, {"Bùi", 20}, {"Đỗ", 15},   {"Hồ", 12},    {"Ngô", 12},
    {"Dương", 10},   {"Lý", 5},     {"Nông", 20}, {"Lương", 15}, {"Lộc", 12}, {"Bế", 10},   {"Vi", 10},
    {"La", 8},       {"Sầm", 5},    {"Triệu", 8}, {"Lăng", 5},  {"Hà", 8},    {"Mạc", 4},   {"Chu", 5},
};
const char* kMaleMiddle[] = {"Văn", "Văn", "Văn", "Đức", "Hữu", "Quang", "Minh", "Công", "Đình", "Xuân", ""};
const char* kFemaleMiddle[] = {"Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Kim", ""};
const char* kMaleGiven[] = {"Thạch", "Tâm", "Hùng", "Dũng", "Minh", "Long", "Nam", "Sơn", "Thắng", "Lợi",
                            "Hải", "Bình", "Quý", "Thủy", "Hòa", "Khánh", "Cường", "Tuấn", "Slương", "Pẩu",
                            "Sình", "Chiến", "Thành", "Phúc", "Đức", "Lâm", "Vượng", "Kiên", "Tường", "Xuân"};
const char* kFemaleGiven[] = {"Ánh", "Hoa", "Lan", "Mai", "Hương", "Nga", "Thảo", "Hằng", "Sỉư", "Nhung",
                              "Thúy", "Liên", "Hạnh", "Yến", "Cúc", "Đào", "Vân", "Tuyết", "Nguyệt", "Phượng"};
const char* kIssuers[] = {"QĐ-CTN", "QĐ/CTN", "QĐ-TTg", "QĐ-UBND", "NQ/HĐNN7", "NQ/HĐNN8", "TTg"};

template <typename T, std::size_t N>
const T& Pick(std::mt19937_64& rng, const T (&items)[N]) {
  return items[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

const char* PickWeighted(std::mt19937_64& rng) {
  static const int total = [] {
    int t = 0;
    for (const auto& w : kSurnames) t += w.weight;
    return t;
  }();
  int r = std::uniform_int_distribution<int>(0, total - 1)(rng);
  for (const auto& w : kSurnames) {
    if (r < w.weight) return w.text;
    r -= w.weight;
  }
  return kSurnames[0].text;
}

Field Exact(const std::string& value) { return Field{value, value, 1.0, {}}; }

}  // namespace

SyntheticRecords::SyntheticRecords(std::uint64_t seed, const AwardCatalog& awards, const Gazetteer& places)
    : rng_(seed) {
  for (const AwardForm& f : awards.forms()) awards_.push_back(&f);
  for (const PlaceUnit& u : places.units()) {
    if (u.level != "commune") continue;
    const PlaceUnit* district = places.ById(u.parent);
    const PlaceUnit* province = district ? places.ById(district->parent) : nullptr;
    if (district && district->level == "province") {  // 2025 communes: no district
      province = district;
      district = nullptr;
    }
    places_.push_back({u.name, district ? district->name : "", province ? province->name : "Lạng Sơn"});
  }
  if (places_.empty()) places_.push_back({"Lộc Yên", "Cao Lộc", "Lạng Sơn"});
}

std::string SyntheticRecords::Name(bool female) {
  std::string name = PickWeighted(rng_);
  const char* middle = female ? Pick(rng_, kFemaleMiddle) : Pick(rng_, kMaleMiddle);
  if (*middle) name += std::string(" ") + middle;
  name += std::string(" ") + (female ? Pick(rng_, kFemaleGiven) : Pick(rng_, kMaleGiven));
  return name;
}

Record SyntheticRecords::Next() {
  ++n_;
  Record r;
  r.id = "syn-" + std::to_string(n_);
  r.kind = PageKind::kLedger;
  const bool female = std::uniform_int_distribution<int>(0, 99)(rng_) < 25;
  r[FieldId::kFullName] = Exact(Name(female));
  r[FieldId::kGender] = Exact(female ? "nữ" : "nam");
  const int birth = std::uniform_int_distribution<int>(1895, 1960)(rng_);
  r[FieldId::kBirthYear] = Exact(std::to_string(birth));
  const Place& place = places_[std::uniform_int_distribution<std::size_t>(0, places_.size() - 1)(rng_)];
  r[FieldId::kCommune] = Exact(place.commune);
  if (!place.district.empty()) r[FieldId::kDistrict] = Exact(place.district);
  r[FieldId::kProvince] = Exact(place.province);
  const AwardForm& award = *awards_[std::uniform_int_distribution<std::size_t>(0, awards_.size() - 1)(rng_)];
  r[FieldId::kAward] = Exact(award.name);
  r[FieldId::kAwardCode] = Exact(award.code);
  r[FieldId::kAuthority] = Exact(award.authority);
  const int year = std::uniform_int_distribution<int>(std::max(1950, birth + 18), 2020)(rng_);
  const int number = std::uniform_int_distribution<int>(1, 2500)(rng_);
  char decision[64], date[16];
  std::snprintf(decision, sizeof decision, "%d/%s", number, Pick(rng_, kIssuers));
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, std::uniform_int_distribution<int>(1, 12)(rng_),
                std::uniform_int_distribution<int>(1, 28)(rng_));
  r[FieldId::kDecisionNumber] = Exact(decision);
  r[FieldId::kDecisionDate] = Exact(date);
  r[FieldId::kBookNumber] = Exact(std::to_string(std::uniform_int_distribution<int>(1000, 999999)(rng_)));
  r.source.file = "synthetic";
  r.source.sha256 = "";  // no source file: the store keeps source_id NULL
  r.source.row = static_cast<int>(n_);
  UpdateRecordConfidence(r);
  return r;
}

}  // namespace sovang::bench
