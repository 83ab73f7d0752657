#include "ingest/place_parse.h"

#include <algorithm>
#include <array>
#include <set>

#include "ingest/field_parse.h"
#include "ingest/name_parse.h"
#include "text/normalize.h"

namespace sovang::ingest {

namespace {

constexpr int kVillage = -1;
constexpr int kRegion = 3;
constexpr int kCity = 4;  // thành phố: a district (provincial city) or a province (Hà Nội)

struct LevelWord {
  std::string_view folded;  // its words, folded
  int level;
  std::string_view required;  // lower-case spelling needed when the fold is ambiguous ("" = any)
  bool abbreviation;          // "X.", "H.": a single letter that must be followed by a dot
};

// Longest first so that "thị xã" wins over "thị", "khu tự trị" over "khu".
constexpr std::array<LevelWord, 27> kLevelWords = {{
    {"khu tu tri", kRegion, "", false},
    {"thi tran", 0, "", false},
    {"thi xa", 1, "", false},
    {"thanh pho", kCity, "", false},
    {"khu pho", kVillage, "", false},
    {"so nha", kVillage, "", false},
    {"xa", 0, "", false},
    {"phuong", 0, "phường", false},
    {"huyen", 1, "", false},
    {"quan", 1, "quận", false},
    {"tinh", 2, "", false},
    {"tt", 0, "", false},
    {"tx", 1, "", false},
    {"tp", kCity, "", false},
    {"x", 0, "", true},
    {"p", 0, "", true},
    {"h", 1, "", true},
    {"q", 1, "", true},
    {"t", 2, "", true},
    {"thon", kVillage, "", false},
    {"ban", kVillage, "bản", false},
    {"xom", kVillage, "", false},
    {"lang", kVillage, "làng", false},
    {"ap", kVillage, "ấp", false},
    {"to", kVillage, "tổ", false},
    {"khoi", kVillage, "khối", false},
    {"khu", kVillage, "khu", false},
}};

std::vector<std::string_view> SplitWords(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

struct RawPart {
  Span whole;  // level word included
  Span name;
  int level = -2;  // -2 unknown
};

// The level word at the start of a part, if any: its level and where the name starts.
std::optional<std::pair<int, std::size_t>> LevelWordAt(const TextRun& run, const std::vector<Span>& tokens) {
  const std::string& f = run.folded();
  for (const auto& lw : kLevelWords) {
    const auto want = SplitWords(lw.folded);
    if (want.size() >= tokens.size()) continue;  // a name must follow
    bool ok = true;
    for (std::size_t k = 0; k < want.size() && ok; ++k) ok = run.FoldedOf(tokens[k]) == want[k];
    if (!ok) continue;
    const Span span{tokens.front().begin, tokens[want.size() - 1].end};
    if (!lw.required.empty()) {
      const std::string lower = text::Lower(run.TextOf(span));
      if (lower != lw.required) continue;
    }
    if (lw.abbreviation && !(span.end < f.size() && f[span.end] == '.')) continue;
    // "xã" is the word; "Xá", "Xà" start names.
    if (lw.folded == "xa") {
      const std::string lower = text::Lower(run.TextOf(span));
      if (lower != "xã" && lower != "xa") continue;
    }
    return std::make_pair(lw.level, want.size());
  }
  return std::nullopt;
}

std::vector<RawPart> SplitParts(const TextRun& run, Span hometown) {
  const std::string& f = run.folded();
  std::vector<Span> pieces;
  std::size_t start = hometown.begin;
  for (std::size_t i = hometown.begin; i <= hometown.end && i <= f.size(); ++i) {
    const bool at_end = i == hometown.end || i == f.size();
    bool cut = at_end;
    std::size_t skip = 1;
    if (!at_end) {
      const char c = f[i];
      cut = c == ',' || c == ';' || c == '-';
      // "xã Tú Mịch. Huyện Lộc Bình. Tỉnh Lạng Sơn": a full stop before a
      // level word parts levels too ("TP. Lạng Sơn" stays one).
      if (c == '.' && i + 1 < hometown.end && f[i + 1] == ' ') {
        const auto next = Tokens(run, Span{i + 1, hometown.end});
        cut = !next.empty() && LevelWordAt(run, next).has_value();
      }
      if (f.compare(i, 3, "\xE2\x80\x93") == 0 || f.compare(i, 3, "\xE2\x80\x94") == 0) {
        cut = true;
        skip = 3;
      }
    }
    if (!cut) continue;
    const Span piece = run.Trim(Span{start, i});
    if (!piece.empty()) pieces.push_back(piece);
    start = i + skip;
    i += skip - 1;
  }
  std::vector<RawPart> parts;
  for (const Span& piece : pieces) {
    const auto tokens = Tokens(run, piece);
    if (tokens.empty()) continue;
    RawPart p;
    p.whole = piece;
    p.name = piece;
    if (auto lw = LevelWordAt(run, tokens)) {
      p.level = lw->first;
      p.name = run.Trim(Span{tokens[lw->second].begin, piece.end});
    }
    if (p.level == kVillage || p.level == kRegion) continue;
    parts.push_back(p);
  }
  // A level word alone ("xã Hiệp Hạ, huyện — Lọc Bình": a stain or a dash
  // between the word and its name) names the part after it.
  for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
    const auto tokens = Tokens(run, parts[k].whole);
    if (tokens.size() != 1 || parts[k + 1].level != -2) continue;
    const std::string_view word = run.FoldedOf(tokens[0]);
    const std::string lower = text::Lower(run.TextOf(tokens[0]));
    const int level = word == "huyen" ? 1 : word == "tinh" ? 2 : lower == "xã" || lower == "phường" ? 0 : -2;
    if (level == -2) continue;
    parts[k + 1].level = level;
    parts[k + 1].whole.begin = parts[k].whole.begin;
    parts.erase(parts.begin() + static_cast<long>(k));
  }
  // More parts than levels: the leading unlabelled ones are hamlets.
  while (parts.size() > 3 && parts.front().level == -2) parts.erase(parts.begin());
  while (parts.size() > 3) parts.erase(parts.begin());
  return parts;
}

bool Allows(int label, int level) {
  if (label == -2) return true;
  if (label == kCity) return level == 1 || level == 2;
  return label == level;
}

}  // namespace

PlaceResolver::PlaceResolver(const Gazetteer& gazetteer) : gazetteer_(gazetteer) {
  for (const PlaceUnit& u : gazetteer.units()) {
    int level = -1;
    if (u.level == "commune")
      level = 0;
    else if (u.level == "district")
      level = 1;
    else if (u.level == "province")
      level = 2;
    if (level < 0) continue;
    by_fold_[level][text::CollapseSpaces(text::Fold(u.name))].push_back(&u);
  }
}

namespace {

bool ValidAt(const PlaceUnit& u, const std::string& date) {
  return (u.valid_from.empty() || u.valid_from <= date) && (u.valid_to.empty() || date <= u.valid_to);
}

}  // namespace

std::vector<PlaceResolver::Match> PlaceResolver::Lookup(const std::string& name, int level,
                                                        const std::string& as_of) const {
  std::vector<Match> all = LookupAnyTime(name, level);
  if (as_of.empty()) return all;
  // Units of the time, if the name was one then; else whatever it names.
  std::vector<Match> then;
  for (const auto& m : all)
    if (ValidAt(*m.unit, as_of)) then.push_back(m);
  return then.empty() ? all : then;
}

std::vector<PlaceResolver::Match> PlaceResolver::LookupAnyTime(const std::string& name, int level) const {
  std::vector<Match> out;
  const std::string key = text::CollapseSpaces(text::Fold(name));
  const auto& index = by_fold_[level];
  if (auto it = index.find(key); it != index.end()) {
    for (const PlaceUnit* u : it->second) out.push_back(Match{u, u->name == name ? 3 : 2});
    return out;
  }
  if (text::Length(key) < 5) return out;
  for (const auto& [fold, units] : index)
    if (text::EditDistance(key, fold, 1) <= 1)
      for (const PlaceUnit* u : units) out.push_back(Match{u, 1});
  return out;
}

int PlaceResolver::Linked(const std::vector<Match>& lower, const std::vector<Match>& upper) const {
  // A parent renamed or re-ranked (thị xã Lạng Sơn became thành phố Lạng Sơn)
  // is still the same parent.
  auto same = [&](const std::string& id, const PlaceUnit* unit) {
    if (id.empty()) return false;
    if (id == unit->id) return true;
    for (const PlaceUnit* p : gazetteer_.Predecessors(id))
      if (p == unit) return true;
    for (const PlaceUnit* p : gazetteer_.Successors(id))
      if (p == unit) return true;
    return false;
  };
  int best = 0;
  for (const auto& l : lower)
    for (const auto& u : upper) {
      if (same(l.unit->parent, u.unit)) return 1;
      if (const PlaceUnit* mid = gazetteer_.ById(l.unit->parent); mid && same(mid->parent, u.unit)) best = 2;
    }
  return best;
}

Hometown PlaceResolver::Split(const TextRun& run, Span hometown, const std::string& as_of) const {
  Hometown out;
  auto parts = SplitParts(run, hometown);
  if (parts.empty()) return out;
  // A level word OCR damaged ("và Minh Phát", "Nã Điềm He", "tnh Lạng Sơn",
  // "xà Hành Thanh"): one letter or its marks off, and what follows it is a
  // unit of that level while the whole part is none.
  for (RawPart& p : parts) {
    if (p.level != -2) continue;
    const auto tokens = Tokens(run, p.name);
    if (tokens.size() < 2) continue;
    const std::string whole = NormalizeName(run.Verbatim(p.name));
    bool known = false;
    for (int level = 0; level < 3 && !known; ++level)
      for (const auto& m : LookupAnyTime(whole, level)) known = known || m.strength >= 2;
    if (known) continue;
    const std::string_view first = run.FoldedOf(tokens[0]);
    static constexpr std::pair<std::string_view, int> kDamaged[] = {
        {"xa", 0}, {"phuong", 0}, {"huyen", 1}, {"tinh", 2}};
    for (const auto& [word, level] : kDamaged) {
      // The fold equal ("xà", "xả" for "xã": LevelWordAt wants its marks) or one letter off.
      if (text::EditDistance(first, word, 1) > 1) continue;
      const Span rest = run.Trim(Span{tokens[1].begin, p.name.end});
      bool fits = false;
      for (const auto& m : LookupAnyTime(NormalizeName(run.Verbatim(rest)), level)) fits = fits || m.strength >= 2;
      if (fits) {
        p.level = level;
        p.name = rest;
        break;
      }
    }
  }
  // A name that starts like a level word ("Tĩnh Bắc, Lộc Bình": a commune,
  // not the province "Bắc"): the whole part is a unit, what follows the word
  // is none of its level.
  for (RawPart& p : parts) {
    if (p.level < 0 || p.level > 2 || p.name.begin == p.whole.begin) continue;
    bool whole_known = false, rest_known = false;
    for (int level = 0; level < 3 && !whole_known; ++level)
      for (const auto& m : LookupAnyTime(NormalizeName(run.Verbatim(p.whole)), level))
        whole_known = whole_known || m.strength >= 2;
    for (const auto& m : LookupAnyTime(NormalizeName(run.Verbatim(p.name)), p.level))
      rest_known = rest_known || m.strength >= 2;
    if (whole_known && !rest_known) {
      p.level = -2;
      p.name = p.whole;
    }
  }
  const std::size_t n = parts.size();

  std::vector<std::string> names;
  for (const auto& p : parts) names.push_back(NormalizeName(run.Verbatim(p.name)));

  // Every strictly increasing assignment of levels (0 commune, 1 district, 2 province).
  std::vector<std::vector<int>> options;
  for (int a = 0; a < 3; ++a) {
    if (n == 1) options.push_back({a});
    for (int b = a + 1; b < 3; ++b) {
      if (n == 2) options.push_back({a, b});
      for (int c = b + 1; c < 3; ++c)
        if (n == 3) options.push_back({a, b, c});
    }
  }
  double best_score = -1e9;
  std::vector<int> best;
  std::vector<std::pair<double, std::vector<int>>> scored;
  std::vector<std::vector<Match>> best_matches;
  for (const auto& levels : options) {
    bool ok = true;
    for (std::size_t i = 0; i < n && ok; ++i) ok = Allows(parts[i].level, levels[i]);
    if (!ok) continue;
    double score = 0.0;
    std::vector<std::vector<Match>> matches(n);
    for (std::size_t i = 0; i < n; ++i) {
      matches[i] = Lookup(names[i], levels[i], as_of);
      int strength = 0;
      for (const auto& m : matches[i]) strength = std::max(strength, m.strength);
      score += strength;
    }
    // Parents that agree with the gazetteer.
    // A direct parent counts more than a grandparent ("Đông Kinh - Lạng Sơn":
    // the ward of the town Lạng Sơn rather than of the province).
    for (std::size_t i = 0; i + 1 < n; ++i)
      if (int link = Linked(matches[i], matches[i + 1])) score += link == 1 ? 2.0 : 1.0;
    // Without other evidence: a lone name is a commune; a list ends with its province.
    if (n == 1 && levels[0] == 0) score += 0.5;
    if (n >= 2 && levels[n - 1] == 2) score += 0.5;
    scored.emplace_back(score, levels);
    if (score > best_score + 1e-9) {
      best_score = score;
      best = levels;
      best_matches = matches;
    }
  }
  if (best.empty()) return out;
  // Another reading nearly as good that puts the first unit at another level
  // ("Chi Lăng - Lạng Sơn": district Chi Lăng of the province, or ward Chi
  // Lăng of the town Lạng Sơn; only the 0.5 for a list ending with its
  // province tells them apart): the hometown is doubtful, every part of it.
  bool ambiguous = false;
  for (const auto& [score, levels] : scored)
    if (levels[0] != best[0] && score >= best_score - 0.5 - 1e-9) ambiguous = true;

  // Is the area covered by the gazetteer? Then an unknown unit in it is doubtful.
  bool area_known = false;
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& m : best_matches[i])
      if (m.strength >= 2 && best[i] > 0) area_known = true;

  for (std::size_t i = 0; i < n; ++i) {
    PlacePart part;
    part.span = parts[i].whole;
    part.value = names[i];
    int strength = 0;
    std::set<std::string> spellings;
    for (const auto& m : best_matches[i]) strength = std::max(strength, m.strength);
    for (const auto& m : best_matches[i])
      if (m.strength == strength) spellings.insert(m.unit->name);
    if (strength == 3) {
      part.known = true;
      const bool linked = (i + 1 < n && Linked(best_matches[i], best_matches[i + 1])) ||
                          (i > 0 && Linked(best_matches[i - 1], best_matches[i]));
      part.validation = linked ? Validation::kLexicon : Validation::kPattern;
    } else if (strength > 0 && spellings.size() == 1) {
      // Marks lost or one letter misread: the gazetteer's spelling, if only one unit fits.
      part.value = *spellings.begin();
      part.known = true;
      part.quality = kRepaired;
    } else {
      part.quality = area_known ? kUnknownInKnownArea : kUnknownArea;
    }
    if (ambiguous) part.quality *= kAmbiguous;
    switch (best[i]) {
      case 0:
        out.commune = part;
        break;
      case 1:
        out.district = part;
        break;
      default:
        out.province = part;
        break;
    }
  }
  return out;
}

}  // namespace sovang::ingest
