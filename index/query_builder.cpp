#include "index/query_builder.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "core/decision_number.h"
#include "core/error.h"
#include "index/document_builder.h"
#include "text/name_variants.h"
#include "text/normalize.h"

namespace sovang::index {

namespace {

using Q = Xapian::Query;

constexpr std::size_t kMaxTypoTermsPerToken = 16;
constexpr std::size_t kMaxDecisionTermsWalked = 2000;  // D terms of one number looked at for typos
constexpr std::size_t kMaxSpanWords = 4;
constexpr int kMaxYearTerms = 150;  // a wider nam: range becomes a value range

std::string T(std::string_view prefix, std::string_view body) {
  std::string t(prefix);
  t.append(body);
  return t;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

Q Scale(double factor, const Q& q) { return factor == 1.0 ? q : Q(Q::OP_SCALE_WEIGHT, q, factor); }

// Terms every document holding one of `terms` also holds (BuildDocument):
// the whole name implies its words, its bigrams and its ends; a word with its
// exact marks implies its tone-canonical and folded forms. Left out of an AND
// they change nothing but the lists Xapian has to skip through per candidate.
std::set<std::string> ImpliedTerms(const std::vector<std::string>& terms) {
  std::set<std::string> implied;
  auto imply = [&](std::string_view prefix, const std::string& key) { implied.insert(std::string(prefix) + key); };
  for (const std::string& t : terms) {
    if (t.rfind(prefix::kNameWhole, 0) == 0) {
      std::vector<std::string> words;
      std::string_view rest = std::string_view(t).substr(prefix::kNameWhole.size());
      for (std::size_t cut; (cut = rest.find('_')) != std::string_view::npos; rest.remove_prefix(cut + 1))
        words.emplace_back(rest.substr(0, cut));
      words.emplace_back(rest);
      for (std::size_t i = 0; i < words.size(); ++i) {
        imply(prefix::kNameFolded, words[i]);
        if (i + 1 < words.size()) imply(prefix::kNameBigram, words[i] + "_" + words[i + 1]);
      }
      if (words.size() >= 2) imply(prefix::kNameEnds, NameEndsKey(words));
    } else if (t.rfind(prefix::kNameExact, 0) == 0) {
      const TokenKeys k = KeysOf(std::string_view(t).substr(prefix::kNameExact.size()));
      imply(prefix::kNameTone, k.tone);
      imply(prefix::kNameFolded, k.folded);
    }
  }
  return implied;
}

Q Combine(Q::op op, const std::vector<Q>& qs) {
  if (qs.empty()) return Q();
  if (qs.size() == 1) return qs.front();
  return Q(op, qs.begin(), qs.end());
}

Q Any(std::initializer_list<Q> qs) { return Combine(Q::OP_OR, std::vector<Q>(qs)); }

Q Terms(Q::op op, const std::vector<std::string>& terms) {
  if (terms.size() == 1) return Q(terms.front());
  return Q(op, terms.begin(), terms.end());
}

std::string Join(const std::vector<std::string>& words, std::size_t from, std::size_t to, char sep) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out.push_back(sep);
    out += words[i];
  }
  return out;
}

std::string_view WholePrefix(std::string_view level) {
  if (level == "commune") return prefix::kCommune;
  if (level == "district") return prefix::kDistrict;
  return prefix::kProvince;
}

std::string_view WordPrefix(std::string_view level) {
  if (level == "commune") return prefix::kCommuneWord;
  if (level == "district") return prefix::kDistrictWord;
  return prefix::kProvinceWord;
}

std::string_view LevelOf(PartKind kind) {
  switch (kind) {
    case PartKind::kCommune: return "commune";
    case PartKind::kDistrict: return "district";
    default: return "province";
  }
}

// A name token's query: what it must match and what adds weight.
struct TokenQuery {
  Q required;
  std::vector<std::string> folded;  // the accepted folded spellings (typo variants too)
  Xapian::doccount frequency = 0;   // records holding one of them, about (the sum)
  std::vector<std::pair<std::string, double>> boosts;  // term, weight
  // Likely typo spellings (weight w.likely_typo): alternatives of one typed
  // word, so no record holds them all and they stay out of the top tier.
  std::vector<std::string> typo_boosts;
};

// A single name word required: its accepted folded spellings and about how
// many records hold one of them.
struct NameClause {
  std::vector<std::string> spellings;
  Xapian::doccount freq = 0;
  std::size_t clause = 0;  // its index in Assembly::required_
  // Required alone, not OR a place read in the same word ("Yên"): every
  // record the filter holds has the word.
  bool alone = false;
};

class Assembly {
 public:
  Assembly(const QueryContext& ctx, const QueryWeights& w, const BuildOptions& options)
      : ctx_(ctx),
        w_(w),
        typos_(options.typos),
        relax_places_(options.relax_places),
        later_places_(options.later_places) {}

  BuiltQuery Run(const ParsedQuery& parsed) {
    names_year_ = ctx_.name_year_terms ? OneBirthYear(parsed) : 0;
    std::vector<std::vector<std::string>> free_runs;
    for (const QueryPart& part : parsed.parts) {
      switch (part.kind) {
        case PartKind::kText: free_runs.push_back(text::Tokenize(TakeDecisionNumbers(part.raw))); break;
        case PartKind::kPhrase: Phrase(part.words, free_runs); break;
        case PartKind::kName: NameField(part.words, free_runs); break;
        case PartKind::kBirthYear: BirthYear(part); break;
        case PartKind::kCommune:
        case PartKind::kDistrict:
        case PartKind::kProvince: PlaceField(part, free_runs); break;
        case PartKind::kAward: AwardField(part, free_runs); break;
        case PartKind::kNumber: NumberField(part, free_runs); break;
      }
    }
    for (const auto& run : free_runs)
      if (!run.empty()) FreeRun(run);

    if (relax_places_ && required_.empty()) {
      // Nothing but places: relaxing them would match everything.
      BuiltQuery none;
      none.query = none.filter = Q::MatchNothing;
      return none;
    }
    if (required_.empty()) {
      // Nothing but boosts: a lone year is any year field, else any boost.
      for (const std::string& y : free_years_)
        required_.push_back(Any({Q(T(prefix::kBirthYear, y)), Q(T(prefix::kDecisionYear, y)), Q(T(prefix::kBook, y)),
                                 Q(T(prefix::kDecisionNumber, y))}));
      if (required_.empty() && !all_boosts_.empty()) required_.push_back(Combine(Q::OP_OR, all_boosts_));
    }
    // nam:YYYY: the name words' NY terms carry the year (NameToken) unless
    // none is required alone.
    const NameClause* year_carrier = names_year_ ? RarestAlone() : nullptr;
    if (names_year_ && !year_carrier) required_.push_back(Q(T(prefix::kBirthYear, std::to_string(names_year_))));
    std::optional<Q> year_words;  // implies the birth year and one name word
    if (const int year = YearOfNames(); year > 0) {
      year_words = RarestNameWithYear(year);
      // Required (nam:): a short list for the filter's intersection to start
      // from, unless the name words carry that year already. Otherwise only
      // the top tier, which asks for the year anyway.
      if (required_year_ == year) {
        if (year != names_year_) required_.push_back(*year_words);
      } else {
        WeighYearBy(year, *year_words);
      }
    }
    if (required_year_ && ctx_.name_year_terms) WeighNameWordsByYear(required_year_);
    Q name_commune = NameWithCommune();
    WeighSameMarkKeysOnce();
    BuiltQuery out;
    out.typo_terms = typo_terms_;
    out.dropped_places = dropped_places_;
    out.place_phrases = place_phrases_;
    out.other_readings = other_readings_;
    out.highlight = std::move(h_);
    out.name_commune = std::move(name_commune);
    if (!out.name_commune.empty()) {
      // Its records are of the place: the place's words read otherwise weigh nothing there.
      std::vector<Q> boosts;
      for (std::size_t k = 0; k < boost_terms_.size(); ++k)
        if (!name_reading_terms_.count(boost_terms_[k].first)) {
          boosts.push_back(boosts_[k]);
          out.name_commune_boost_terms.push_back(boost_terms_[k]);
        }
      out.name_commune_boosts = Combine(Q::OP_OR, boosts);
    }
    if (required_.empty()) {
      out.query = out.filter = Q::MatchAll;
      out.match_all = true;
      return out;
    }
    // Boolean parts stay unweighted and unwrapped: an OP_SCALE_WEIGHT node
    // keeps Xapian from flattening the ANDs around it and from choosing the
    // rarest list to drive them (a typo pass's top tier took 13 ms nested,
    // 2.7 ms flat, at 10M records). WeighedBy zeroes the filter's weight.
    out.filter = Combine(Q::OP_AND, required_);
    out.boosts = Combine(Q::OP_OR, boosts_);
    out.boost_terms = boost_terms_;
    out.query = WeighedBy(out.filter, out.boosts);
    if (!chain_.empty()) {
      out.chain = Combine(Q::OP_AND, chain_);
      std::vector<Q> rest = chain_;
      for (std::size_t i = 0; i < required_.size(); ++i)
        if (!chained_.count(i)) rest.push_back(required_[i]);
      // The chain has no year: keep the name words that carry it.
      if (year_carrier)
        for (const NameClause& c : name_clauses_)
          if (c.alone && chained_.count(c.clause)) rest.push_back(required_[c.clause]);
      out.chained_filter = Combine(Q::OP_AND, rest);
    }
    // A typo pass ranks only records the exact build did not match. When every
    // typed word is in the index, records holding all of them (the tier) are
    // exactly those: its tier would be empty, and costs a run to find out.
    const bool tier_disjoint = typos_ && unknown_words_ == 0;
    if (!tier_terms_.empty() && !tier_disjoint) {
      const std::set<std::string> implied = ImpliedTerms(tier_terms_);
      // Every boost, or (for_place) those a record of the place may hold.
      auto tier_of = [&](const Q& filter, bool for_place) {
        std::vector<Q> all{filter};
        for (const std::string& t : tier_terms_)
          if (!implied.count(t) && !(for_place && name_reading_terms_.count(t))) all.push_back(Q(t));
        if (year_words && required_year_ == 0) all.push_back(*year_words);
        return Combine(Q::OP_AND, all);
      };
      out.top_tier = tier_of(out.filter, false);
      if (!out.name_commune.empty()) out.name_commune_tier = tier_of(out.name_commune, true);
    }
    return out;
  }

 private:
  Xapian::doccount Freq(const std::string& term) const {
    return ctx_.freqs ? (*ctx_.freqs)(term) : ctx_.db->get_termfreq(term);
  }

  void Mark(const std::string& folded) { h_.words.insert(folded); }

  // The birth year a name's records must (nam:YYYY) or, in the top tier, do
  // have: the one required year, else the one free-text year the tier asks
  // for. 0 when there is none, no name word, or the index has no NY terms.
  int YearOfNames() const {
    if (!ctx_.name_year_terms || !RarestAlone()) return 0;
    if (required_year_) return required_year_;
    if (free_years_.size() != 1) return 0;
    const std::string year_term = T(prefix::kBirthYear, free_years_.front());
    const bool in_tier = std::find(tier_terms_.begin(), tier_terms_.end(), year_term) != tier_terms_.end();
    return in_tier ? std::stoi(free_years_.front()) : 0;
  }

  // The year of the one nam:YYYY (a single year) the query asks for; 0 when
  // there is none or several.
  static int OneBirthYear(const ParsedQuery& parsed) {
    int year = 0;
    for (const QueryPart& part : parsed.parts) {
      if (part.kind != PartKind::kBirthYear) continue;
      if (!part.year_from || part.year_from != part.year_to || (year && year != part.year_from)) return 0;
      year = part.year_from;
    }
    return year;
  }

  // BuiltQuery::name_commune: the NC terms of the two name words typed
  // (surname, given name) with the one commune read in free text, AND the
  // required clauses they do not imply. Each NC term implies both name
  // words (unless they carry a nam: year) and the place phrase's clause.
  Q NameWithCommune() const {
    if (!ctx_.name_commune_terms || typos_ || relax_places_ || name_clauses_.size() != 2 || commune_spans_.size() != 1)
      return Q();
    const CommuneSpan& place = commune_spans_.front();
    std::vector<std::string> terms;
    for (const std::string& surname : name_clauses_[0].spellings)
      for (const std::string& given : name_clauses_[1].spellings)
        for (const std::string& commune : place.communes)
          if (std::string key = NameCommuneKey(NameEndsKey({surname, given}), commune); !key.empty())
            terms.push_back(T(prefix::kNameCommune, key));
    if (terms.empty()) return Q();
    std::set<std::size_t> implied{place.clause};
    if (!names_year_)
      for (const NameClause& c : name_clauses_) implied.insert(c.clause);
    std::vector<Q> all{Terms(Q::OP_SYNONYM, terms)};
    for (std::size_t k = 0; k < required_.size(); ++k)
      if (!implied.count(k)) all.push_back(required_[k]);
    return Combine(Q::OP_AND, all);
  }

  // The rarest name word required alone; null when there is none.
  const NameClause* RarestAlone() const {
    const NameClause* rarest = nullptr;
    for (const NameClause& c : name_clauses_)
      if (c.alone && (!rarest || c.freq < rarest->freq)) rarest = &c;
    return rarest;
  }

  // The NY terms of the rarest name word required alone (with all its
  // accepted spellings): holding one of them is holding that word and the
  // year.
  Q RarestNameWithYear(int year) const {
    const NameClause* rarest = RarestAlone();
    std::vector<std::string> terms;
    for (const std::string& spelling : rarest->spellings) terms.push_back(T(prefix::kNameYear, NameYearKey(spelling, year)));
    return Terms(Q::OP_SYNONYM, terms);
  }

  // A free-text year's weight, asked of `year_words` (RarestNameWithYear)
  // instead of the year's own list. Every filter of this build requires the
  // rarest name word in one of its spellings, and a record holds the NY term
  // of each of its name words with its birth year, so among the filter's
  // records the two say the same. The NY list holds only that word's share
  // of the year (Y1912 holds 15,122 records at 1M), and Xapian skips through
  // every boost's list for every candidate: name + year p99 at 1M 3.1 ->
  // 2.1 ms, the same hits (bench/RESULTS.md section 2). The term lists'
  // ranking (boost_terms) keeps the year term: it looks, it does not skip.
  void WeighYearBy(int year, const Q& year_words) {
    const std::string year_term = T(prefix::kBirthYear, std::to_string(year));
    for (std::size_t i = 0; i < boost_terms_.size(); ++i)
      if (boost_terms_[i].first == year_term) boosts_[i] = Scale(boost_terms_[i].second, year_words);
  }

  // With the birth year required (nam:YYYY), a name word's weight is asked
  // of its NY term of that year instead of its NF list: every record the
  // filter holds was born that year, so among them the two say the same, and
  // a common word's list (NFthi: 1.25M records at 10M), skipped through for
  // every candidate, shrinks to its share of one year.
  void WeighNameWordsByYear(int year) {
    for (std::size_t i = 0; i < boost_terms_.size(); ++i) {
      const auto& [term, weight] = boost_terms_[i];
      if (term.rfind(prefix::kNameFolded, 0) != 0) continue;
      const std::string ny = T(prefix::kNameYear, NameYearKey(term.substr(prefix::kNameFolded.size()), year));
      boosts_[i] = Freq(ny) == 0 ? Q(Q::MatchNothing) : Scale(weight, Q(ny));
    }
  }

  // A word typed with marks weighs by its exact key (NE) and by its tone key
  // (NT: the word with its tone mark placed either way, "hoà" or "hòa").
  // Every record holding the exact key holds the tone key, so when the two
  // hold as many records they hold the same ones (most words have one place
  // for the mark), and one list carries both weights: Xapian skips through
  // it once. NTđình and NEđình, 680,471 records each at 10M, were the two
  // longest boosts of ten:"Phan Đình Vượng" nam:1921.
  void WeighSameMarkKeysOnce() {
    // A word typed twice has two pairs: each exact key carries one tone key.
    std::vector<bool> carries(boost_terms_.size(), false);
    for (std::size_t i = 0; i < boost_terms_.size(); ++i) {
      const auto& [tone, tone_weight] = boost_terms_[i];
      if (tone.rfind(prefix::kNameTone, 0) != 0) continue;
      for (std::size_t j = 0; j < boost_terms_.size(); ++j) {
        const auto& [exact, exact_weight] = boost_terms_[j];
        if (carries[j] || exact.rfind(prefix::kNameExact, 0) != 0 ||
            text::CanonicalTone(exact.substr(prefix::kNameExact.size())) != tone.substr(prefix::kNameTone.size()))
          continue;
        if (Freq(tone) == Freq(exact)) {
          boosts_[j] = Scale(tone_weight + exact_weight, Q(exact));
          boosts_[i] = Q(Q::MatchNothing);
          carries[j] = true;
        }
        break;
      }
    }
  }

  // Adds weight for documents holding `term`. A term nobody holds adds
  // nothing but would keep Xapian from stopping early.
  void Boost(const std::string& term, double weight, bool in_tier = true) {
    if (weight <= 0 || Freq(term) == 0) return;
    all_boosts_.push_back(Q(term));
    boosts_.push_back(Scale(weight, Q(term)));
    boost_terms_.emplace_back(term, weight);
    if (in_tier && std::find(tier_terms_.begin(), tier_terms_.end(), term) == tier_terms_.end()) tier_terms_.push_back(term);
  }

  // ---- names -------------------------------------------------------------

  // The accepted folded spellings of a name word, including typo variants
  // in a typo build.
  TokenQuery NameToken(const std::string& token, bool surname) {
    const TokenKeys k = KeysOf(token);
    std::vector<std::string> accept{T(prefix::kNameFolded, k.folded)};
    std::vector<std::string> likely_typos;
    Mark(k.folded);
    const Xapian::doccount typed = Freq(accept.front());
    Xapian::doccount frequency = typed;
    if (surname)
      for (const std::string& v : SurnameVariants(k.exact)) {
        accept.push_back(T(prefix::kNameFolded, v));
        frequency += Freq(accept.back());
        Mark(v);
      }
    if (typos_ && typed == 0) ++unknown_words_;
    if (typos_ && ctx_.vocabulary) {
      const int edits = AllowedEdits(text::Length(k.folded));
      for (const NearTerm& n : ctx_.vocabulary->Near(k.folded, edits, kMaxTypoTermsPerToken)) {
        std::string term = T(prefix::kNameFolded, n.term);
        if (std::find(accept.begin(), accept.end(), term) != accept.end()) continue;
        // The likelier slips: one edit, not at the first letter ("Đứu" is
        // Đức before Hữu).
        if (n.distance == 1 && n.term[0] == k.folded[0]) likely_typos.push_back(term);
        accept.push_back(std::move(term));
        frequency += static_cast<Xapian::doccount>(n.frequency);
        Mark(n.term);
        ++typo_terms_;
      }
    }
    TokenQuery tq;
    for (const std::string& term : accept) tq.folded.push_back(term.substr(prefix::kNameFolded.size()));
    tq.typo_boosts = likely_typos;
    tq.frequency = frequency;
    // One SYNONYM: every accepted spelling matches alike; the typed form
    // earns the weight (below), exact marks and tone variants more.
    tq.required = Terms(Q::OP_SYNONYM, accept);
    if (names_year_) {
      // nam:YYYY: the word's records of that year (NY) instead of all its
      // records (NF) and the year's: the same documents, from lists about a
      // hundredth as long. A filter skips through each of its lists for
      // every candidate; NFdinh holds 680,000 records at 10M, NYdinh_1904
      // a few thousand.
      std::vector<std::string> in_year;
      for (const std::string& f : tq.folded) in_year.push_back(T(prefix::kNameYear, NameYearKey(f, names_year_)));
      tq.required = Terms(Q::OP_SYNONYM, in_year);
    }
    // The typed folded form is implied by the filter unless variants match too.
    if (accept.size() > 1) tq.boosts.emplace_back(accept.front(), w_.folded);
    if (k.exact != k.folded) {
      tq.boosts.emplace_back(T(prefix::kNameTone, k.tone), w_.tone);
      tq.boosts.emplace_back(T(prefix::kNameExact, k.exact), w_.exact);
    }
    return tq;
  }

  // A run of name words (ten: or free text). `free` widens multi-word places
  // and awards recognised in the run.
  void NameWords(const std::vector<std::string>& words, bool free) {
    const std::size_t n = words.size();
    std::vector<std::string> folded;
    std::vector<bool> skippable;
    for (const std::string& w : words) {
      folded.push_back(text::Fold(w));
      skippable.push_back(IsOptionalMiddle(w));
    }

    // The last required single name word and whether only optional middle
    // names stand between it and the next one.
    std::vector<std::string> previous;  // its accepted spellings; empty = none
    std::vector<std::string> name_words;  // folded words read as name words, in order
    struct Link {
      std::size_t chain_index;
      std::vector<std::string> first, second;
    };
    std::vector<Link> links;         // chain links of this run
    std::map<std::string, double> award_phrase_weight;  // AB term -> its award phrase words' weight
    std::vector<bool> in_place(n, false);               // words of a phrase read as a place (too)
    std::size_t required_names = 0;  // required single name words of this run
    std::size_t i = 0;
    while (i < n) {
      std::size_t place_end = i, award_end = i;
      std::vector<PlaceName> place_names;  // for the longest place span at i
      if (free) {
        if (FindPlaceSpan(words, folded, i, place_end, place_names)) ++other_readings_;
        award_end = AwardSpanEnd(folded, i);
        // An award phrase does not cut a place in two: in "Võ Trọng Toàn
        // Quốc Việt" the words are a name and the commune Quốc Việt, not the
        // award pair "toàn quốc".
        for (std::size_t k = i + 1; k < award_end; ++k) {
          std::size_t k_end = k;
          std::vector<PlaceName> ignored;
          FindPlaceSpan(words, folded, k, k_end, ignored);
          if (k_end > award_end) {
            award_end = k - i >= 2 ? k : i;
            break;
          }
        }
      }
      const std::size_t end = std::max({place_end, award_end, i + 1});
      if (end == i + 1) name_words.push_back(folded[i]);
      if (end > i + 1 && place_end == end && n > end - i) ++place_phrases_;
      if (relax_places_ && end > i + 1 && place_end == end && n > end - i) {
        // A place phrase, left out of the filter in a relaxed build.
        ++dropped_places_;
        previous.clear();
        i = end;
        continue;
      }
      std::vector<Q> name_parts;
      std::vector<std::vector<std::string>> span_spellings;  // accepted folded spellings, word by word
      for (std::size_t j = i; j < end; ++j) {
        TokenQuery tq = NameToken(words[j], j == 0);
        // Inside a recognised place or award phrase the words are more likely
        // that than a name: no name boosts (a record would need both to reach
        // the top tier).
        if (end == i + 1) {
          for (const auto& [term, weight] : tq.boosts) Boost(term, weight);
          for (const std::string& term : tq.typo_boosts) Boost(term, w_.likely_typo, /*in_tier=*/false);
        }
        const bool optional = end == i + 1 && skippable[j] && j > 0 && j + 1 < n;
        if (optional) {
          // Not required, but a record that has it matches better.
          Boost(T(prefix::kNameFolded, folded[j]), w_.folded);
          continue;
        }
        name_parts.push_back(tq.required);
        span_spellings.push_back(tq.folded);
        if (end == i + 1) {
          // A single name word is its own required clause (pushed below, at
          // index required_.size()).
          if (!previous.empty()) {
            links.push_back(Link{chain_.size(), previous, tq.folded});
            Chain(previous, tq.folded, false);
            chained_.insert(previous_clause_);
            chained_.insert(required_.size());
          }
          previous = tq.folded;
          previous_clause_ = required_.size();
          ++required_names;
          name_clauses_.push_back(NameClause{tq.folded, tq.frequency, required_.size()});
        } else {
          previous.clear();
        }
      }
      if (!name_parts.empty()) {
        // A place or award phrase read as name words: next to each other, as
        // the phrase has them (bigrams). The words anywhere in the name would
        // be rarely meant and costly: place words are common name words
        // ("Vũ Lễ"), and skipping through their lists for every candidate
        // took 60 ms at 10M records.
        std::vector<Q> alternatives{end > i + 1 ? Adjacent(span_spellings) : Combine(Q::OP_AND, name_parts)};
        if (award_end == end && end > i + 1) {
          // The award phrase by its bigrams (every pair of the span is one:
          // AwardSpanEnd), not its words: a bigram's list is far shorter
          // than its words' (at 1M records Achien holds 439,312, Athang
          // 123,561, ABchien_thang 68,612), and a filter skips through each
          // of its lists for every candidate. The bigrams carry the words'
          // weight too, so a record with the award weighs what it did.
          std::vector<std::string> bigrams;
          for (std::size_t j = i; j + 1 < end; ++j)
            bigrams.push_back(T(prefix::kAwardBigram, folded[j] + "_" + folded[j + 1]));
          alternatives.push_back(Terms(Q::OP_AND, bigrams));
          const double words_weight = w_.award * static_cast<double>(end - i) / static_cast<double>(bigrams.size());
          for (const std::string& b : bigrams) award_phrase_weight[b] += words_weight;
        }
        if (place_end == end && end > i) {
          std::vector<Q> places;
          std::fill(in_place.begin() + static_cast<std::ptrdiff_t>(i),
                    in_place.begin() + static_cast<std::ptrdiff_t>(end), true);
          // Its clause is pushed below, at index required_.size().
          CommuneSpan& span = commune_spans_.emplace_back(CommuneSpan{{}, required_.size()});
          for (const PlaceName& p : place_names) {
            places.push_back(Q(T(WholePrefix(p.level), PlaceKey(p.name))));
            if (p.level == "commune") span.communes.push_back(PlaceKey(p.name));
          }
          for (const PlaceName& p : place_names)
            for (const std::string& t : text::Tokenize(p.name)) Mark(text::Fold(t));
          alternatives.push_back(Combine(Q::OP_OR, places));
        }
        // OR a place, a word's NY terms do not carry the year: a record of
        // that place may be born in any year.
        if (end == i + 1 && alternatives.size() == 1) name_clauses_.back().alone = true;
        required_.push_back(Combine(Q::OP_OR, alternatives));
      }
      i = end;
    }
    // Two name words, as a surname and a given name ("Nguyễn Đức"): also in
    // order when other middle names stand between them ("Nguyễn Công Đức").
    if (required_names == 2 && links.size() == 1) {
      const Link& link = links.front();
      Chain(link.first, link.second, true, link.chain_index);
    }
    // Bigrams with a place's words read as name words ("Tâm Hoàng", "Hoàng
    // Văn" in "Nguyễn Tâm Hoàng Văn Thụ") weigh for that reading only.
    for (const auto& [a, b] : NameBigramPairs(n, skippable)) {
      const std::string term = T(prefix::kNameBigram, folded[a] + "_" + folded[b]);
      Boost(term, w_.bigram);
      if (in_place[a] || in_place[b]) name_reading_terms_.insert(term);
    }
    if (const std::string whole = WholeNameKey(name_words); !whole.empty())
      Boost(T(prefix::kNameWhole, whole), w_.whole_name);
    if (const std::string ends = NameEndsKey(name_words); !ends.empty()) Boost(T(prefix::kNameEnds, ends), w_.name_ends);
    if (free)
      for (std::size_t j = 0; j + 1 < n; ++j) {
        const std::string b = T(prefix::kAwardBigram, folded[j] + "_" + folded[j + 1]);
        if (in_place[j] || in_place[j + 1]) name_reading_terms_.insert(b);  // the place read as an award
        if (const auto phrase = award_phrase_weight.find(b); phrase != award_phrase_weight.end())
          Boost(b, w_.award + std::exchange(phrase->second, 0.0));
        else if (IsAwardBigram(b.substr(prefix::kAwardBigram.size())))
          Boost(b, w_.award);
      }
  }

  // Requires the two words next to each other in the name (or across one
  // Văn/Thị, which the NB skip-bigrams cover), in this order.
  // Appends the link (or replaces chain_[replace]); `ends` also accepts the
  // two words as the name's first and last (NG).
  void Chain(const std::vector<std::string>& first, const std::vector<std::string>& second, bool ends,
             std::size_t replace = static_cast<std::size_t>(-1)) {
    Q link = Link(first, second, ends);
    if (replace < chain_.size()) chain_[replace] = std::move(link);
    else chain_.push_back(std::move(link));
  }

  // Two words next to each other in a name (or across one Văn/Thị), any of
  // their accepted spellings: one SYNONYM of their bigrams; `ends` also
  // accepts them as the name's first and last (NG).
  Q Link(const std::vector<std::string>& first, const std::vector<std::string>& second, bool ends) const {
    std::vector<std::string> terms;
    for (const std::string& a : first)
      for (const std::string& b : second) {
        std::vector<std::string> pair{T(prefix::kNameBigram, a + "_" + b)};
        // In a typo build, the surname and given name with one of them as
        // typed (every pair would be one more term lookup).
        if (ends && (!typos_ || a == first.front() || b == second.front()))
          pair.push_back(T(prefix::kNameEnds, a + "_" + b));
        for (std::string& term : pair)
          // With typo variants the pairs multiply; keep those that exist.
          if (terms.empty() || !typos_ || Freq(term) > 0) terms.push_back(std::move(term));
      }
    return Terms(Q::OP_SYNONYM, terms);
  }

  // The words next to each other in a name, in order: each consecutive pair
  // linked.
  Q Adjacent(const std::vector<std::vector<std::string>>& spellings) const {
    std::vector<Q> pairs;
    for (std::size_t j = 0; j + 1 < spellings.size(); ++j) pairs.push_back(Link(spellings[j], spellings[j + 1], false));
    return Combine(Q::OP_AND, pairs);
  }

  bool IsAwardBigram(const std::string& b) const {
    if (ctx_.award_bigrams && ctx_.award_bigrams->count(b)) return true;
    return Freq(T(prefix::kAwardBigram, b)) > 0;
  }

  // End of the longest run from i where each adjacent pair is an award bigram
  // ("huân chương kháng chiến hạng nhất"); i when there is none.
  std::size_t AwardSpanEnd(const std::vector<std::string>& folded, std::size_t i) const {
    std::size_t end = i;
    while (end + 1 < folded.size() && IsAwardBigram(folded[end] + "_" + folded[end + 1])) ++end;
    return end > i ? end + 1 : i;
  }

  // The names [i, i + len) is as a whole place, at each level it is found in
  // the index or the gazetteer; empty when it is no place.
  std::vector<PlaceName> PlaceNamesAt(const std::vector<std::string>& words, const std::vector<std::string>& folded,
                                      std::size_t i, std::size_t len) const {
    const std::string key = Join(folded, i, i + len, '_');
    const std::string name = Join(words, i, i + len, ' ');
    std::vector<PlaceName> found;
    for (std::string_view level : {"commune", "district", "province"})
      if (Freq(T(WholePrefix(level), key)) > 0 || (ctx_.places && ctx_.places->Knows(name, level)))
        found.push_back(PlaceName{std::string(level), name});
    // Typed with marks, the words must be a place's spelling: "Lộc Thành"
    // (a surname and a given name) is not the commune Lộc Thanh. Places the
    // gazetteer does not know are recognised by their folded index terms.
    if (!found.empty() && ctx_.places && key != Join(words, i, i + len, '_') && ctx_.places->Knows(name, "") &&
        !ctx_.places->KnowsSpelling(name, ""))
      found.clear();
    return found;
  }

  // Whether a place begins inside [i, end) and reaches past it.
  bool LaterPlaceOverlaps(const std::vector<std::string>& words, const std::vector<std::string>& folded,
                          std::size_t i, std::size_t end) const {
    for (std::size_t k = i + 1; k < end; ++k)
      for (std::size_t len = std::min(kMaxSpanWords, words.size() - k); k + len > end; --len)
        if (!PlaceNamesAt(words, folded, k, len).empty()) return true;
    return false;
  }

  // The longest span from i (up to kMaxSpanWords words) that is a whole place
  // name, in the index at any level or in the gazetteer; in a later-places
  // build, not one whose last words begin a place reaching further. Fills
  // `names` with the span's own name at the levels it was found and its
  // old/new names. Whether a place met here reads two ways.
  bool FindPlaceSpan(const std::vector<std::string>& words, const std::vector<std::string>& folded, std::size_t i,
                     std::size_t& end, std::vector<PlaceName>& names) {
    bool two_ways = false;
    for (std::size_t len = std::min(kMaxSpanWords, words.size() - i); len >= 1; --len) {
      std::vector<PlaceName> found = PlaceNamesAt(words, folded, i, len);
      if (found.empty()) continue;
      if (len > 1 && LaterPlaceOverlaps(words, folded, i, i + len)) {
        two_ways = true;
        if (later_places_) continue;
      }
      const std::string name = found.front().name;  // the span's words, as PlaceNamesAt joined them
      // Old and new names of the place, unless the words are award words too
      // and nothing else was typed: "kháng chiến" alone may be the commune,
      // not every commune merged into it; beside a name ("Hoàng Văn Khiêm
      // Chiến Thắng") the name keeps the old and new names few.
      if (ctx_.places && (AwardSpanEnd(folded, i) != i + len || words.size() > len))
        for (const PlaceName& level_name : std::vector<PlaceName>(found))
          for (PlaceName& r : ctx_.places->Related(name, level_name.level)) found.push_back(std::move(r));
      end = i + len;
      names = std::move(found);
      return two_ways;
    }
    return two_ways;
  }

  void NameField(const std::vector<std::string>& words, std::vector<std::vector<std::string>>& free_runs) {
    std::vector<std::string> names, numbers;
    for (const std::string& w : words) (AllDigits(w) ? numbers : names).push_back(w);
    if (!names.empty()) NameWords(names, /*free=*/false);
    if (!numbers.empty()) free_runs.push_back(numbers);
  }

  // ---- free text ---------------------------------------------------------

  void FreeRun(const std::vector<std::string>& run) {
    std::vector<std::string> words;
    for (const std::string& w : run) {
      if (!AllDigits(w)) {
        if (w.size() <= kMaxTokenBytes) words.push_back(w);
        else required_.push_back(Q::MatchNothing);  // longer than any indexed word: nothing has it
        continue;
      }
      const int n = w.size() == 4 ? std::stoi(w) : 0;
      if (n >= 1880 && n <= 2010) {
        // A bare year near a name: most likely the birth year, maybe the
        // decision's. It ranks, it does not filter (OCR misreads years).
        Boost(T(prefix::kBirthYear, w), w_.birth_year);
        // Not in the top tier: records born and decided the same year are
        // few, so a tier asking for both rarely fills a page and sends a
        // common name + year on a weighted walk over all its records.
        Boost(T(prefix::kDecisionYear, w), w_.decision_year, /*in_tier=*/false);
        h_.years.insert(n);
        free_years_.push_back(w);
        continue;
      }
      // Any other number: a decision number without its issuer, or a book number.
      const std::string key = DecisionTermKey(w);
      required_.push_back(Q(Q::OP_OR, Q(T(prefix::kDecisionNumber, key)), Q(T(prefix::kBook, key))));
      h_.book_keys.insert(key);
      MarkDecisionsNumbered(key);
    }
    if (!words.empty()) NameWords(words, /*free=*/true);
  }

  // A bare number matched DN: mark decision numbers with that number.
  void MarkDecisionsNumbered(const std::string& number) { h_.numbers.insert(number); }

  void Phrase(const std::vector<std::string>& words, std::vector<std::vector<std::string>>& free_runs) {
    if (words.size() < 2) {
      free_runs.push_back(words);
      return;
    }
    std::vector<std::string> name_terms, award_bigrams;
    std::vector<std::string> folded;
    for (const std::string& w : words) {
      const TokenKeys k = KeysOf(w);
      folded.push_back(k.folded);
      name_terms.push_back(T(prefix::kNameFolded, k.folded));
      Mark(k.folded);
      if (k.exact != k.folded) {
        Boost(T(prefix::kNameTone, k.tone), w_.tone);
        Boost(T(prefix::kNameExact, k.exact), w_.exact);
      }
    }
    for (std::size_t i = 0; i + 1 < folded.size(); ++i) {
      award_bigrams.push_back(T(prefix::kAwardBigram, folded[i] + "_" + folded[i + 1]));
      Boost(award_bigrams.back(), w_.award);
    }
    const std::string key = PlaceKey(Join(words, 0, words.size(), ' '));
    required_.push_back(Any({Q(Q::OP_PHRASE, name_terms.begin(), name_terms.end(), name_terms.size()),
                             Terms(Q::OP_AND, award_bigrams),
                             Any({Q(T(prefix::kCommune, key)), Q(T(prefix::kDistrict, key)),
                                  Q(T(prefix::kProvince, key))})}));
  }

  // ---- numbers -----------------------------------------------------------

  struct Lexeme {
    std::size_t begin, end;
    bool code_like;  // ASCII letters/digits and Đ/đ only
    bool digit_first;
    bool has_letter;
  };

  static std::vector<Lexeme> Lex(std::string_view s) {
    auto separator = [](char c) {
      return std::isspace(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '.' || c == ',' || c == ';' ||
             c == ':' || c == '(' || c == ')' || c == '[' || c == ']';
    };
    std::vector<Lexeme> out;
    std::size_t i = 0;
    while (i < s.size()) {
      if (separator(s[i])) {
        ++i;
        continue;
      }
      Lexeme l{i, i, true, std::isdigit(static_cast<unsigned char>(s[i])) != 0, false};
      while (i < s.size() && !separator(s[i])) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == 0xC4 && i + 1 < s.size() &&
            (static_cast<unsigned char>(s[i + 1]) == 0x90 || static_cast<unsigned char>(s[i + 1]) == 0x91)) {
          l.has_letter = true;
          i += 2;
          continue;
        }
        if (c >= 0x80 || !std::isalnum(c)) l.code_like = false;
        if (std::isalpha(c)) l.has_letter = true;
        ++i;
      }
      l.end = i;
      out.push_back(l);
    }
    return out;
  }

  // D terms of the same number whose issuer letters are within a typo of
  // the key's ("2127qdub" -> "2127qddÚb"), from a bounded walk over the
  // terms of that number.
  std::vector<std::string> NearDecisionTerms(const std::string& key) const {
    std::size_t digits = 0;
    while (digits < key.size() && std::isdigit(static_cast<unsigned char>(key[digits]))) ++digits;
    if (digits == 0 || digits == key.size()) return {};
    const std::string letters = text::Fold(key.substr(digits));
    const int allowed = text::Length(letters) >= 6 ? 2 : 1;
    const std::string number_prefix = T(prefix::kDecision, key.substr(0, digits));
    std::vector<std::string> out;
    std::size_t walked = 0;
    for (auto it = ctx_.db->allterms_begin(number_prefix); it != ctx_.db->allterms_end(number_prefix); ++it) {
      if (++walked > kMaxDecisionTermsWalked || out.size() >= kMaxTypoTermsPerToken) break;
      const std::string term = *it;
      const std::string rest = term.substr(number_prefix.size());
      if (rest.empty() || std::isdigit(static_cast<unsigned char>(rest[0]))) continue;  // another number
      const std::string folded = text::Fold(rest);
      if (term != T(prefix::kDecision, key) && text::TypoDistance(folded, letters, allowed) <= allowed)
        out.push_back(term);
    }
    return out;
  }

  bool KnownNumber(const std::string& key) const {
    return Freq(T(prefix::kDecision, key)) > 0 || Freq(T(prefix::kBook, key)) > 0;
  }

  // Finds decision numbers in free text ("803/QĐ-CTN", "803 QD CTN",
  // "47-NQ/HĐNN7") and turns each into a required term; returns the text
  // with them blanked out. A spaced form counts only when the index knows it;
  // a compact one ("803/QĐ-CTN") always does (no hits is then the answer).
  std::string TakeDecisionNumbers(const std::string& raw) {
    std::string rest = raw;
    const std::vector<Lexeme> lex = Lex(raw);
    for (std::size_t i = 0; i < lex.size(); ++i) {
      if (!lex[i].code_like || !lex[i].digit_first) continue;
      std::size_t last = i;
      while (last + 1 < lex.size() && last + 1 - i < 6 && lex[last + 1].code_like) {
        const std::string_view gap = std::string_view(raw).substr(lex[last].end, lex[last + 1].begin - lex[last].end);
        if (gap.find_first_not_of(" /-.") != std::string_view::npos) break;
        ++last;
      }
      for (std::size_t j = last + 1; j-- > i;) {
        if (j == i && !lex[i].has_letter) break;  // a bare number is not a decision number here
        const std::string span = raw.substr(lex[i].begin, lex[j].end - lex[i].begin);
        const std::string key = DecisionTermKey(span);
        const bool known = Freq(T(prefix::kDecision, key)) > 0;
        const bool compact = span.find(' ') == std::string::npos && span.find_first_of("/-") != std::string::npos;
        const auto parsed = compact ? ParseDecisionNumber(span) : std::nullopt;
        // In a typo build, also numbers one slip away in the issuer letters
        // (OCR reads "2127/QĐ-UB" as "2127/QĐ-DÚB").
        std::vector<std::string> terms{T(prefix::kDecision, key)};
        if (typos_)
          for (std::string& t : NearDecisionTerms(key)) terms.push_back(std::move(t));
        if (!known && !(parsed && !parsed->issuer.empty()) && terms.size() == 1) continue;
        typo_terms_ += static_cast<int>(terms.size() - 1);
        required_.push_back(Terms(Q::OP_OR, terms));
        Boost(T(prefix::kDecisionExact, key), w_.decision_exact);
        h_.decision_keys.insert(key);
        std::fill(rest.begin() + static_cast<std::ptrdiff_t>(lex[i].begin),
                  rest.begin() + static_cast<std::ptrdiff_t>(lex[j].end), ' ');
        i = j;
        break;
      }
    }
    return rest;
  }

  void NumberField(const QueryPart& part, std::vector<std::vector<std::string>>& free_runs) {
    const std::vector<Lexeme> lex = Lex(part.raw);
    if (lex.empty()) throw Error(Errc::kInvalidArgument, "so: has no number");
    // The longest leading span the index knows; the rest is free text.
    std::size_t end = lex.size();
    if (!part.quoted) {
      std::size_t j = lex.size();
      for (; j > 0; --j) {
        const std::string key = DecisionTermKey(part.raw.substr(lex[0].begin, lex[j - 1].end - lex[0].begin));
        if (KnownNumber(key) || (j == 1 && Freq(T(prefix::kDecisionNumber, key)) > 0)) break;
      }
      if (j > 0) end = j;
    }
    const std::string span = part.raw.substr(lex[0].begin, lex[end - 1].end - lex[0].begin);
    const std::string key = DecisionTermKey(span);
    std::vector<Q> alternatives{Q(T(prefix::kDecision, key)), Q(T(prefix::kBook, key))};
    if (end == 1) alternatives.push_back(Q(T(prefix::kDecisionNumber, key)));
    required_.push_back(Combine(Q::OP_OR, alternatives));
    Boost(T(prefix::kDecisionExact, key), w_.decision_exact);
    h_.decision_keys.insert(key);
    h_.book_keys.insert(key);
    if (end == 1) h_.numbers.insert(key);
    if (end < lex.size()) free_runs.push_back(text::Tokenize(part.raw.substr(lex[end].begin)));
  }

  // ---- fields ------------------------------------------------------------

  void BirthYear(const QueryPart& part) {
    const int lo = part.year_from, hi = part.year_to;
    h_.year_from = lo;
    h_.year_to = hi;
    if (lo && lo == hi) {
      // The year of names_year_ is required by the name words (Run).
      if (lo != names_year_) required_.push_back(Q(T(prefix::kBirthYear, std::to_string(lo))));
      h_.years.insert(lo);
      required_year_ = lo;
      return;
    }
    if (lo && hi && hi - lo < kMaxYearTerms) {
      std::vector<std::string> terms;
      for (int y = lo; y <= hi; ++y) terms.push_back(T(prefix::kBirthYear, std::to_string(y)));
      required_.push_back(Terms(Q::OP_OR, terms));
      return;
    }
    if (lo && hi) {
      required_.push_back(Q(Q::OP_VALUE_RANGE, slot::kBirthYear, Xapian::sortable_serialise(lo),
                            Xapian::sortable_serialise(hi)));
    } else if (lo) {
      required_.push_back(Q(Q::OP_VALUE_GE, slot::kBirthYear, Xapian::sortable_serialise(lo)));
    } else {
      required_.push_back(Q(Q::OP_VALUE_LE, slot::kBirthYear, Xapian::sortable_serialise(hi)));
    }
  }

  void PlaceField(const QueryPart& part, std::vector<std::vector<std::string>>& free_runs) {
    const std::string_view level = LevelOf(part.kind);
    const std::vector<std::string>& words = part.words;
    std::size_t k = words.size();
    if (!part.quoted && words.size() > 1) {
      // "xa:Lộc Yên Nguyễn Văn Thạch": the longest leading run the index or
      // the gazetteer knows as a place; the rest goes back to free text.
      for (std::size_t len = words.size(); len >= 1; --len) {
        const std::string name = Join(words, 0, len, ' ');
        if (Freq(T(WholePrefix(level), PlaceKey(name))) > 0 || (ctx_.places && ctx_.places->Knows(name, level))) {
          k = len;
          break;
        }
      }
    }
    const std::string name = Join(words, 0, k, ' ');
    std::vector<std::string> word_terms;
    for (std::size_t i = 0; i < k; ++i) {
      const std::string f = text::Fold(words[i]);
      word_terms.push_back(T(WordPrefix(level), f));
      Mark(f);
    }
    std::vector<Q> alternatives{Terms(Q::OP_AND, word_terms)};
    if (ctx_.places)
      for (const PlaceName& p : ctx_.places->Related(name, level)) {
        alternatives.push_back(Q(T(WholePrefix(p.level), PlaceKey(p.name))));
        for (const std::string& t : text::Tokenize(p.name)) Mark(text::Fold(t));
      }
    required_.push_back(Combine(Q::OP_OR, alternatives));
    // Records that carry the name as typed come before those with an old or
    // new name of the place (without old/new names every match has it).
    if (alternatives.size() > 1)
      for (const std::string& t : word_terms) Boost(t, w_.place_field);
    if (k < words.size()) free_runs.emplace_back(words.begin() + static_cast<std::ptrdiff_t>(k), words.end());
  }

  void AwardField(const QueryPart& part, std::vector<std::vector<std::string>>& free_runs) {
    const std::vector<std::string>& words = part.words;
    std::string code;
    if (ctx_.awards) {
      const std::string folded_raw = text::CollapseSpaces(text::Fold(part.raw));
      for (const AwardForm& f : ctx_.awards->forms()) {
        bool hit = AsciiLower(f.code) == AsciiLower(part.raw) || text::CollapseSpaces(text::Fold(f.name)) == folded_raw;
        for (const std::string& a : f.aliases) hit = hit || text::CollapseSpaces(text::Fold(a)) == folded_raw;
        if (hit) {
          code = AsciiLower(f.code);
          break;
        }
      }
    }
    std::size_t k = words.size();
    if (code.empty() && !part.quoted) {
      // The leading words that occur in awards; the rest goes back to free text.
      std::size_t known = 0;
      while (known < words.size() && Freq(T(prefix::kAwardWord, text::Fold(words[known]))) > 0) ++known;
      if (known > 0) k = known;
    }
    std::vector<std::string> terms;
    std::vector<std::string> folded;
    for (std::size_t i = 0; i < k; ++i) {
      folded.push_back(text::Fold(words[i]));
      terms.push_back(T(prefix::kAwardWord, folded.back()));
      Mark(folded.back());
    }
    std::vector<Q> alternatives{Terms(Q::OP_AND, terms)};
    if (!code.empty()) alternatives.push_back(Q(T(prefix::kAwardCode, code)));
    required_.push_back(Combine(Q::OP_OR, alternatives));
    for (const std::string& t : terms) Boost(t, w_.award);
    for (std::size_t i = 0; i + 1 < folded.size(); ++i)
      Boost(T(prefix::kAwardBigram, folded[i] + "_" + folded[i + 1]), w_.award);
    if (k < words.size()) free_runs.emplace_back(words.begin() + static_cast<std::ptrdiff_t>(k), words.end());
  }

  const QueryContext& ctx_;
  const QueryWeights& w_;
  const bool typos_;
  const bool relax_places_;
  const bool later_places_;
  int dropped_places_ = 0;
  int place_phrases_ = 0;
  int other_readings_ = 0;
  std::vector<Q> required_;
  std::vector<Q> boosts_;
  BoostTerms boost_terms_;  // boosts_ as (term, factor)
  std::vector<Q> all_boosts_;  // as terms: the filter when nothing else is required
  std::vector<std::string> tier_terms_;  // distinct boost terms somebody holds
  std::vector<Q> chain_;                 // bigram requirements of names typed in order
  std::set<std::size_t> chained_;        // required_ clauses a chain link implies
  std::size_t previous_clause_ = 0;      // required_ index of the last chained word
  std::vector<std::string> free_years_;
  std::vector<NameClause> name_clauses_;  // single name words required, in order
  // Boost terms that a place phrase's words earn only when read otherwise
  // (name words, an award): a record of that place rarely holds them.
  std::set<std::string> name_reading_terms_;
  // The place phrases read in free text, in order.
  struct CommuneSpan {
    std::vector<std::string> communes;  // its commune names (PlaceKey, old and new too); empty: no commune
    std::size_t clause;                 // its index in required_
  };
  std::vector<CommuneSpan> commune_spans_;
  int required_year_ = 0;  // nam:YYYY, one year; 0 = none
  // The one nam:YYYY year when the index has NY terms: name words are then
  // required by their NY terms of that year. 0 = name words by NF.
  int names_year_ = 0;
  Highlight h_;
  int typo_terms_ = 0;
  int unknown_words_ = 0;  // typed name words no record holds (typo builds)
};

}  // namespace

Xapian::doccount EstimatedWalk(const TermFreqs& freqs, const Xapian::Query& query) {
  const Xapian::Database& db = freqs.db();
  switch (query.get_type()) {
    case Q::LEAF_TERM: return freqs(*query.get_terms_begin());
    case Q::LEAF_MATCH_NOTHING: return 0;
    case Q::OP_OR:
    case Q::OP_SYNONYM:
    case Q::OP_XOR: {
      Xapian::doccount sum = 0;
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) sum += EstimatedWalk(freqs, query.get_subquery(i));
      return sum;
    }
    case Q::OP_AND:
    case Q::OP_FILTER:
    case Q::OP_PHRASE:
    case Q::OP_NEAR: {
      Xapian::doccount least = db.get_doccount();
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        least = std::min(least, EstimatedWalk(freqs, query.get_subquery(i)));
      return least;
    }
    case Q::OP_AND_NOT:
    case Q::OP_AND_MAYBE:
    case Q::OP_SCALE_WEIGHT: return query.get_num_subqueries() ? EstimatedWalk(freqs, query.get_subquery(0)) : 0;
    default: return db.get_doccount();  // MatchAll, value ranges, wildcards
  }
}

namespace {

Q Weighed(const Q& filter, const Q& boosts, const Q& superset) {
  if (boosts.empty()) return Scale(0, filter);
  // Not AND_MAYBE(filter, boosts): with a left side that weighs nothing,
  // Xapian 1.4.22 stops too early and drops better documents (the paging
  // test catches it). OR keeps the documents without any boost, at weight 0.
  return Q(Q::OP_FILTER, Q(Q::OP_OR, boosts, Scale(0, superset)), filter);
}

}  // namespace

Xapian::Query WeighedBy(const Xapian::Query& filter, const Xapian::Query& boosts) {
  return Weighed(filter, boosts, filter);
}

Xapian::Query WeighedBy(const TermFreqs& freqs, const Xapian::Query& filter, const Xapian::Query& boosts) {
  return Weighed(filter, boosts, CheapestSuperset(freqs, filter));
}

Xapian::Query CheapestSuperset(const TermFreqs& freqs, const Xapian::Query& query) {
  switch (query.get_type()) {
    case Q::OP_AND:
    case Q::OP_FILTER: {
      std::size_t rarest = 0;
      Xapian::doccount least = std::numeric_limits<Xapian::doccount>::max();
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        if (const Xapian::doccount walk = EstimatedWalk(freqs, query.get_subquery(i)); walk < least) {
          least = walk;
          rarest = i;
        }
      return query.get_num_subqueries() ? CheapestSuperset(freqs, query.get_subquery(rarest)) : query;
    }
    case Q::OP_AND_NOT:
    case Q::OP_SCALE_WEIGHT:
      return query.get_num_subqueries() ? CheapestSuperset(freqs, query.get_subquery(0)) : query;
    default: return query;
  }
}

std::vector<std::string> SurnameVariants(std::string_view token) {
  const std::string folded = text::Fold(token);
  std::vector<std::string> out;
  // Marked spellings: the text module's classes (Hoàng/Huỳnh, Vũ/Võ).
  for (const std::string& v : text::SurnameVariants(token)) {
    std::string f = text::Fold(v);
    if (f != folded && std::find(out.begin(), out.end(), f) == out.end()) out.push_back(std::move(f));
  }
  if (!out.empty() || text::Lower(token) != folded) return out;
  // Typed without marks: the text module leaves "hoang" alone (it may be
  // another word), but a query without marks means folded keys, so map the
  // folded forms of the same classes.
  static const std::vector<std::vector<std::string>> kFoldedClasses = {{"hoang", "huynh"}, {"vu", "vo"}};
  for (const auto& group : kFoldedClasses)
    if (std::find(group.begin(), group.end(), folded) != group.end())
      for (const std::string& v : group)
        if (v != folded) out.push_back(v);
  return out;
}

QueryBuilder::QueryBuilder(const QueryContext& context, const QueryWeights& weights) : ctx_(context), w_(weights) {
  if (!ctx_.db) throw Error(Errc::kInternal, "QueryBuilder needs a database");
}

BuiltQuery QueryBuilder::Build(const ParsedQuery& parsed, bool typos) const {
  return Build(parsed, BuildOptions{.typos = typos});
}

BuiltQuery QueryBuilder::Build(const ParsedQuery& parsed, const BuildOptions& options) const {
  if (parsed.empty()) {
    BuiltQuery out;
    out.query = out.filter = Xapian::Query::MatchAll;
    out.match_all = true;
    return out;
  }
  return Assembly(ctx_, w_, options).Run(parsed);
}

}  // namespace sovang::index
