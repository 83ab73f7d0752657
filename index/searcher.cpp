#include "index/searcher.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <mutex>
#include <optional>

#include <xapian.h>

#include "core/award_catalog.h"
#include "core/error.h"
#include "core/gazetteer.h"
#include "index/database_factory.h"
#include "index/document_builder.h"
#include "index/facet_table.h"
#include "index/facets.h"
#include "index/hit_data.h"
#include "index/per_index_cache.h"
#include "index/places.h"
#include "index/query_builder.h"
#include "index/query_parser.h"
#include "index/snippet.h"
#include "index/vocabulary.h"
#include "index/xapian_guard.h"
#include "text/normalize.h"

namespace sovang::index {

namespace {

constexpr int kMaxLimit = 1000;
constexpr int kMaxOffset = 100000;

// ---- process-wide read-only caches, shared by the Searchers of all threads --

std::shared_ptr<const PlaceIndex> SharedPlaces(const Gazetteer* gazetteer) {
  static std::mutex mu;
  static std::map<const Gazetteer*, std::shared_ptr<const PlaceIndex>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = cache[gazetteer];
  if (!slot) slot = gazetteer ? std::make_shared<const PlaceIndex>(*gazetteer) : std::make_shared<const PlaceIndex>();
  return slot;
}

std::shared_ptr<const std::set<std::string>> SharedAwardBigrams(const AwardCatalog* awards) {
  static std::mutex mu;
  static std::map<const AwardCatalog*, std::shared_ptr<const std::set<std::string>>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = cache[awards];
  if (!slot) {
    auto bigrams = std::make_shared<std::set<std::string>>();
    if (awards)
      for (const AwardForm& f : awards->forms()) {
        std::vector<std::string> names = f.aliases;
        names.push_back(f.name);
        for (const std::string& name : names) {
          const std::vector<std::string> words = text::Tokenize(name);
          for (std::size_t i = 0; i + 1 < words.size(); ++i)
            bigrams->insert(text::Fold(words[i]) + "_" + text::Fold(words[i + 1]));
        }
      }
    slot = std::move(bigrams);
  }
  return slot;
}

// A key that changes whenever the database does.
std::string RevisionKey(const std::filesystem::path& location, const Xapian::Database& db) {
  std::string key = location.string() + "\n";
  try {
    key += std::to_string(db.get_revision());
  } catch (const Xapian::Error&) {  // several shards: no single revision
    key += std::to_string(db.get_doccount()) + ":" + std::to_string(db.get_lastdocid()) + ":" +
           std::to_string(db.get_total_length());
  }
  return key;
}

// The folded name vocabulary, loaded once per process and database revision.
// While an index is being fed (a commit every few seconds) a vocabulary up to
// kVocabularyMaxAge old is reused: it only lacks the newest tokens as typo
// targets, and reloading a large vocabulary costs tens of milliseconds.
constexpr auto kVocabularyMaxAge = std::chrono::seconds(60);

std::shared_ptr<const NameVocabulary> SharedVocabulary(const std::filesystem::path& location,
                                                       const Xapian::Database& db) {
  static PerIndexCache<NameVocabulary> cache;
  const IndexSnapshot now{RevisionKey(location, db), db.get_doccount(), std::chrono::steady_clock::now()};
  return cache.Get(
      location.string(), now,
      [&] {
        NameVocabulary vocabulary;
        const std::string p(prefix::kNameFolded);
        for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it)
          vocabulary.Add((*it).substr(p.size()), it.get_termfreq());
        return vocabulary;
      },
      [](const IndexSnapshot& built, const IndexSnapshot&, const IndexSnapshot& at) {
        return at.built - built.built < kVocabularyMaxAge;
      });
}

template <typename T>
const T* DefaultOrNull(const T* given, const T& (*load)()) {
  if (given) return given;
  try {
    return &load();
  } catch (const Error&) {
    return nullptr;  // no schemas installed: search without expansion
  }
}

std::vector<PlaceNote> NotesFor(const Record& r, const PlaceIndex& places) {
  std::vector<PlaceNote> notes;
  const struct {
    FieldId field;
    const char* name;
    const char* level;
    FieldId hint;
  } kPlaces[] = {{FieldId::kCommune, "commune", "commune", FieldId::kDistrict},
                 {FieldId::kDistrict, "district", "district", FieldId::kProvince},
                 {FieldId::kProvince, "province", "province", FieldId::kProvince}};
  for (const auto& p : kPlaces) {
    const std::string& written = r.value(p.field);
    if (written.empty()) continue;
    const std::string hint = p.hint == p.field ? std::string() : r.value(p.hint);
    std::vector<std::string> current = places.CurrentNames(written, p.level, hint);
    if (!current.empty()) notes.push_back(PlaceNote{p.name, written, std::move(current)});
  }
  return notes;
}

}  // namespace

struct Searcher::Impl {
  std::filesystem::path location;
  SearcherOptions options;
  std::optional<Xapian::Database> db;
  const AwardCatalog* awards = nullptr;
  std::shared_ptr<const PlaceIndex> places;
  std::shared_ptr<const std::set<std::string>> award_bigrams;
  bool name_year_terms = false;     // the index's documents all hold NY terms
  bool name_commune_terms = false;  // ... and NC terms

  void ReadTermFamilies() {
    const std::string families = db ? db->get_metadata(std::string(kTermFamiliesKey)) : std::string();
    name_year_terms = HasTermFamily(families, kNameYearFamily);
    name_commune_terms = HasTermFamily(families, kNameCommuneFamily);
  }
  SearchResult Run(const SearchRequest& request, const ParsedQuery& parsed);
  SearchHit MakeHit(Xapian::docid doc, double score, const Highlight& highlight) const;
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

Searcher Searcher::Open(const std::filesystem::path& dir) { return Open(dir, SearcherOptions{}); }

Searcher Searcher::Open(const std::filesystem::path& dir, const SearcherOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->location = dir;
  impl->options = options;
  impl->db = OpenForSearch(dir);
  impl->awards = DefaultOrNull<AwardCatalog>(options.awards, &AwardCatalog::Default);
  impl->places = SharedPlaces(DefaultOrNull<Gazetteer>(options.gazetteer, &Gazetteer::Default));
  impl->award_bigrams = SharedAwardBigrams(impl->awards);
  Guard("reading index metadata " + dir.string(), [&] { impl->ReadTermFamilies(); });
  return Searcher(std::move(impl));
}

void Searcher::Reopen() {
  Guard("reopening index " + impl_->location.string(), [&] {
    if (impl_->db) impl_->db->reopen();
    else impl_->db = OpenForSearch(impl_->location);
    impl_->ReadTermFamilies();  // `sovang reindex` may have replaced an older index
  });
}

std::string Searcher::Version() const {
  if (!impl_->db) return {};
  try {
    // Throws for a database of other than one glass (or chert) shard.
    const Xapian::rev revision = impl_->db->get_revision();
    return impl_->db->get_uuid() + '@' + std::to_string(revision);
  } catch (const Xapian::Error&) {
    return {};
  }
}

SearchResult Searcher::Search(const SearchRequest& request) {
  if (request.limit < 0 || request.limit > kMaxLimit)
    throw Error(Errc::kInvalidArgument, "limit must be between 0 and " + std::to_string(kMaxLimit) + ", got " +
                                            std::to_string(request.limit));
  if (request.offset < 0 || request.offset > kMaxOffset)
    throw Error(Errc::kInvalidArgument, "offset must be between 0 and " + std::to_string(kMaxOffset) + ", got " +
                                            std::to_string(request.offset));
  const ParsedQuery parsed = ParseQuery(request.query);
  if (!impl_->db) {
    SearchResult empty;
    if (request.facets) empty.facets = FacetCounter().Result(0);
    return empty;
  }
  return Guard("searching " + impl_->location.string(), [&] {
    try {
      return impl_->Run(request, parsed);
    } catch (const Xapian::DatabaseModifiedError&) {
      // A writer committed often enough to invalidate what we were reading:
      // catch up and run once more.
      impl_->db->reopen();
      return impl_->Run(request, parsed);
    }
  });
}

namespace {

using Q = Xapian::Query;

// One pass of a search: the documents it may return (boolean), how to weigh
// them, and the documents that hold every boost (see BuiltQuery::top_tier).
struct Stage {
  Q filter;
  Q boosts;
  const BoostTerms* boost_terms = nullptr;  // the boosts as (term, factor); null with no boosts
  Q top_tier;
  const Highlight* highlight = nullptr;
  bool approximate = false;
  // At most this many documents match (EstimatedWalk: term frequencies).
  Xapian::doccount most = std::numeric_limits<Xapian::doccount>::max();
  // The filter is the whole pass's: a weighted run over it estimates the
  // pass's total as well as a counting run would.
  bool whole = false;
};

// Postings a stage may walk before it is "broad": weighing every match of a
// broad stage would cost more than a search may (targets: name queries p99
// <= 5 ms at 10M records).
constexpr Xapian::doccount kMaxWalk = 30000;

// A stage that may walk at most kSmallWalk postings (EstimatedWalk) and turns
// out to match few documents is ranked from their term lists
// (RankByTermLists), not by Xapian over its boosts' postings lists. A term
// list costs about what skipping through one boost list does, so "few" grows
// with the boosts (kTermListsPerBoost each, at most kSmallStage); with fewer
// than kMinBoosts Xapian's own run is cheap (a decision number has one).
// Measured at 1M records: field filters' CPU p99 5.7 -> 2.7 ms; with facets
// on (the web page) 8.8 -> 5.5 ms at a cap of 256 (5.9 at 128).
constexpr Xapian::doccount kSmallWalk = 4000;
constexpr std::size_t kMinBoosts = 5;
constexpr Xapian::doccount kTermListsPerBoost = 6;
constexpr Xapian::doccount kSmallStage = 256;

Q AndNot(const Q& a, const Q& b) { return b.empty() ? a : Q(Q::OP_AND_NOT, a, b); }
Q And(const Q& a, const Q& b) { return b.empty() ? a : Q(Q::OP_AND, a, b); }

}  // namespace

SearchResult Searcher::Impl::Run(const SearchRequest& request, const ParsedQuery& parsed) {
  const Xapian::Database& database = *db;
  const TermFreqs freqs(database);
  QueryContext ctx;
  ctx.db = &database;
  ctx.freqs = &freqs;
  ctx.places = places.get();
  ctx.awards = awards;
  ctx.award_bigrams = award_bigrams.get();
  ctx.name_year_terms = name_year_terms;
  ctx.name_commune_terms = name_commune_terms;

  const Xapian::doccount offset = static_cast<Xapian::doccount>(request.offset);
  const Xapian::doccount limit = static_cast<Xapian::doccount>(request.limit);
  const Xapian::doccount sample = static_cast<Xapian::doccount>(std::max(1, options.facet_sample));

  FacetCounter facets;
  SearchResult result;

  // Totals and facets come from the boolean filters, walked for at most
  // `sample` matches in all; past that Xapian estimates. The ranking runs then
  // only have to find the top hits. No Enquire::set_time_limit here: in
  // Xapian 1.4.22 its timer thread can fire after the match has returned and
  // write into a stack frame that is gone (sovang-scale crashed with its
  // instruction pointer on the stack at 1M records, facets on, 3 ms limit).
  Xapian::doccount budget = request.facets ? sample : 0;
  const std::shared_ptr<const FacetTable> facet_table =
      request.facets ? FacetTable::Shared(location, RevisionKey(location, database), database) : nullptr;
  auto count = [&](const Q& filter) -> Xapian::doccount {
    Xapian::Enquire enquire(database);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(filter);
    const Xapian::MSet counted = enquire.get_mset(0, budget, budget);
    const Xapian::doccount estimate = counted.get_matches_estimated();
    if (budget > 0) facets.Collect({counted.begin(), counted.end()}, estimate, *facet_table, database);
    budget -= std::min(budget, counted.get_matches_lower_bound());
    return estimate;
  };

  // Ranking: weights are sums of the builder's evidence factors
  // (CoordWeight). Xapian does not stop early among equal weights, so first
  // ask for the documents that hold every boost (the best weight there is,
  // boolean: Xapian stops once it has enough); only when there are too few
  // run the weighted query, where pruning then has weights to work with.
  // The estimated total of the pass being ranked, when a weighted run over
  // its whole filter gave one (no counting run needed without facets).
  std::optional<Xapian::doccount> whole_estimate;
  auto rank = [&](const Stage& stage, Xapian::doccount first, Xapian::doccount max) -> RankedPage {
    if (options.rank_small_stages && stage.boost_terms && stage.boost_terms->size() >= kMinBoosts &&
        stage.most <= kSmallWalk) {
      const auto boosts = static_cast<Xapian::doccount>(stage.boost_terms->size());
      const Xapian::doccount cap = std::min(kSmallStage, kTermListsPerBoost * boosts);
      if (std::optional<RankedPage> page = RankByTermLists(database, stage.filter, *stage.boost_terms, first, max, cap)) {
        if (stage.whole) whole_estimate = page->estimated;  // exact: every match was seen
        return *std::move(page);
      }
    }
    // A top tier that cannot fill the page is not worth a run of its own
    // (most name queries match fewer documents than a page holds).
    if (!stage.top_tier.empty() && max > 0 && stage.most >= first + max) {
      Xapian::Enquire tier(database);
      tier.set_weighting_scheme(Xapian::BoolWeight());
      tier.set_query(stage.top_tier);
      Xapian::MSet best = tier.get_mset(first, max, first + max);
      if (best.get_matches_lower_bound() >= first + max) return PageOf(best);
    }
    Xapian::Enquire enquire(database);
    enquire.set_weighting_scheme(Xapian::CoordWeight());
    enquire.set_query(WeighedBy(freqs, stage.filter, stage.boosts));
    Xapian::MSet mset = enquire.get_mset(first, max, first + max);
    if (stage.whole) whole_estimate = mset.get_matches_estimated();
    return PageOf(mset);
  };

  // Runs stages in order until the page is full (run() says whether it is).
  // Later stages only see what earlier ones did not match and always rank
  // below them.
  Xapian::doccount skip = offset;    // still to skip before the page starts
  Xapian::doccount seen_total = 0;   // exact matches of the stages that ran out
  double ceiling = 1.0;              // scores of later stages stay below this
  // A pass whose every stage ran out from its first match has seen all of its
  // documents: its total and facets need no counting run (most name queries
  // have fewer matches than a page).
  std::vector<Xapian::docid> pass_docs;
  bool pass_seen_all = true;
  auto run = [&](const Stage& stage) {
    const Xapian::doccount room = limit - static_cast<Xapian::doccount>(result.hits.size());
    const bool from_first = skip == 0;
    const RankedPage page = rank(stage, skip, room);
    const double best = page.max_attained;
    double lowest = ceiling;
    result.hits.reserve(result.hits.size() + page.docs.size());
    for (std::size_t i = 0; i < page.docs.size(); ++i) {
      const double score = ceiling * (best > 0 ? page.weights[i] / best : 1.0);
      lowest = std::min(lowest, score);
      result.hits.push_back(MakeHit(page.docs[i], score, *stage.highlight));
      result.hits.back().approximate = stage.approximate;
    }
    const bool full = page.lower >= skip + room;
    // The run saw every match of the stage: it ran out, or ranked them all.
    const bool saw_all = !full || page.all;
    if (saw_all && (from_first || page.all)) {
      if (request.facets) {
        const std::vector<Xapian::docid>& docs = page.all ? *page.all : page.docs;
        pass_docs.insert(pass_docs.end(), docs.begin(), docs.end());
      }
    } else {
      pass_seen_all = false;
    }
    if (saw_all) {
      const Xapian::doccount total = page.upper;
      skip = skip > total ? skip - total : 0;
      seen_total += total;
    }
    if (!page.empty()) ceiling = lowest * 0.9;
    else if (!full && page.upper > 0) ceiling *= 0.5;
    return full;
  };

  // Stages to rank, and the filters that make up the total. A stage that
  // only widens the result (optional) is left out when it is broad: records
  // that have a common name's words scattered, or typo variants of common
  // words, are not worth a walk over hundreds of thousands of postings. A
  // broad stage that must run is ranked as its top tier (by weight, ties in
  // index order) followed by the rest in index order, both boolean runs that
  // stop as soon as the page is full.
  std::vector<Stage> stages;
  std::vector<Q> added;     // the filters of the stages added
  bool left_broad = false;  // an optional stage was left out
  auto add = [&](std::vector<Stage>& out, const Stage& stage, bool optional, Xapian::doccount broad = kMaxWalk) {
    const Xapian::doccount walk = EstimatedWalk(freqs, stage.filter);
    if (optional && walk > broad) {
      pass_seen_all = false;  // its documents count in the total, unseen
      left_broad = true;
      return;
    }
    added.push_back(stage.filter);
    if (walk > kMaxWalk && !stage.top_tier.empty()) {
      out.push_back(Stage{.filter = stage.top_tier, .highlight = stage.highlight, .approximate = stage.approximate});
      out.push_back(Stage{.filter = AndNot(stage.filter, stage.top_tier),
                          .highlight = stage.highlight,
                          .approximate = stage.approximate});
      return;
    }
    out.push_back(stage);
    out.back().most = walk;
  };

  const BuiltQuery strict = QueryBuilder(ctx).Build(parsed, false);
  // A surname and given name typed with a commune: the records of that
  // person in that commune first, from the NC terms' short lists. The other
  // readings of the words (the two words elsewhere in the name, the place
  // at another level) follow only when they are not broad: a common name's
  // records walked for a commune's cost 4-18 ms at 10M records.
  const Q& name_commune = strict.name_commune;
  if (!name_commune.empty()) {
    add(stages,
        Stage{.filter = name_commune,
              .boosts = strict.name_commune_boosts,
              .boost_terms = &strict.name_commune_boost_terms,
              .top_tier = strict.name_commune_tier,
              .highlight = &strict.highlight},
        false);
  }
  const bool rest_optional = !name_commune.empty();
  const Xapian::doccount rest_broad = rest_optional ? kSmallWalk : kMaxWalk;
  if (!strict.chain.empty()) {
    // Names typed in order first (cheap: the chain's bigrams are rare), then
    // records that have the words scattered.
    add(stages,
        Stage{.filter = AndNot(strict.chained_filter, name_commune),
              .boosts = strict.boosts,
              .boost_terms = &strict.boost_terms,
              .top_tier = AndNot(And(strict.top_tier, strict.chained_filter), name_commune),
              .highlight = &strict.highlight},
        rest_optional, rest_broad);
    add(stages,
        Stage{.filter = AndNot(strict.filter, strict.chain),
              .boosts = strict.boosts,
              .boost_terms = &strict.boost_terms,
              .top_tier = AndNot(strict.top_tier, strict.chain),
              .highlight = &strict.highlight},
        true, rest_broad);
  } else {
    add(stages,
        Stage{.filter = AndNot(strict.filter, name_commune),
              .boosts = strict.boosts,
              .boost_terms = &strict.boost_terms,
              .top_tier = AndNot(strict.top_tier, name_commune),
              .highlight = &strict.highlight,
              .whole = !rest_optional},
        rest_optional, rest_broad);
  }
  bool full = false;
  // A stage left out because the page is full has matches nobody saw.
  auto run_all = [&](const std::vector<Stage>& list) {
    for (const Stage& stage : list) {
      if (full) pass_seen_all = false;
      else full = run(stage);
    }
  };
  run_all(stages);
  // The total (and facets) of a pass: when every stage ran out, their counts
  // are exact and their documents were all seen. Otherwise count the plain
  // filter: Xapian estimates "filter AND chain" as if the chain's bigrams and
  // the name words were independent, far too low.
  auto pass_total = [&](const Q& filter, Xapian::doccount seen) -> Xapian::doccount {
    if (pass_seen_all) {
      if (budget > 0) {
        facets.Collect(pass_docs, pass_docs.size(), *facet_table, database);
        budget -= std::min<Xapian::doccount>(budget, static_cast<Xapian::doccount>(pass_docs.size()));
      }
      return seen;
    }
    if (full && !request.facets) {
      // One term (a decision or book number): its frequency is the total.
      if (filter.get_type() == Q::LEAF_TERM) return freqs(*filter.get_terms_begin());
      if (whole_estimate) return *whole_estimate;
    }
    return full || request.facets ? count(filter) : seen;
  };
  result.total = pass_total(strict.filter, seen_total);

  // What the stages so far may have returned. Nothing, when they saw every
  // match and there was none: a later pass's AND_NOT would otherwise walk
  // the empty filter to its end again ("Nguyễn Bình Gia Lộc" read with the
  // district Bình Gia: 22 ms at 10M records, for no match). Only what the
  // stages that ran could return, when a broad one was left out: the
  // records only it holds were never shown, and a later pass may show them
  // (AND_NOT looks for the filter's next match past each candidate, and a
  // broad filter without one is walked to its end: 18 ms at 10M records).
  Q matched = strict.filter;
  if (pass_seen_all && seen_total == 0)
    matched = Q(Q::MatchNothing);
  else if (left_broad)
    matched = added.empty() ? Q(Q::MatchNothing) : Q(Q::OP_OR, added.begin(), added.end());

  // A pass ranked below every stage before it: only the documents they did not
  // match. Its filter, or nothing when it added no stage.
  auto pass_below = [&](const BuiltQuery& built, bool approximate, bool optional) -> std::optional<Q> {
    const Q chained = built.chain.empty() ? built.filter : built.chained_filter;
    const Q filter = AndNot(chained, matched);
    const Q tier = AndNot(And(built.top_tier, chained), matched);
    std::vector<Stage> below;
    pass_docs.clear();
    pass_seen_all = true;
    whole_estimate.reset();
    add(below,
        Stage{.filter = filter,
              .boosts = built.boosts,
              .boost_terms = &built.boost_terms,
              .top_tier = tier,
              .highlight = &built.highlight,
              .approximate = approximate,
              .whole = true},
        optional);
    if (below.empty()) return std::nullopt;
    const Xapian::doccount before = seen_total;
    run_all(below);
    result.total += pass_total(filter, seen_total - before);
    return filter;
  };

  // The other reading of place words that two places share ("Nguyễn Bình
  // Gia Lộc": Nguyễn Bình of the commune Gia Lộc, where the first reading
  // took the district Bình Gia). Exact matches of what was typed, below the
  // first reading's; run even when broad, as the first reading is.
  if (!strict.match_all && !full && strict.other_readings > 0) {
    const BuiltQuery later = QueryBuilder(ctx).Build(parsed, BuildOptions{.later_places = true});
    if (const std::optional<Q> filter = pass_below(later, /*approximate=*/false, /*optional=*/false))
      matched = Q(Q::OP_OR, matched, *filter);
  }

  // Places relaxed: the name as typed with a place phrase the records do not
  // carry under any name the gazetteer links to it (an unrecorded change, a
  // commune damaged by OCR). Only when the exact query cannot fill the page,
  // only for documents it did not match, ranked below them. Before typos: the
  // name as typed is better evidence than a place.
  if (!strict.match_all && !full && strict.place_phrases > 0) {
    const BuiltQuery relaxed = QueryBuilder(ctx).Build(parsed, BuildOptions{.relax_places = true});
    if (relaxed.dropped_places > 0)
      if (const std::optional<Q> filter = pass_below(relaxed, /*approximate=*/true, /*optional=*/true))
        matched = Q(Q::OP_OR, matched, *filter);
  }

  // Typo pass: only when the page is still not full, and only for documents
  // the stages before did not match, so typo hits always rank below them.
  if (!strict.match_all && !full) {
    const std::shared_ptr<const NameVocabulary> vocabulary = SharedVocabulary(location, database);
    ctx.vocabulary = vocabulary.get();
    const BuiltQuery loose = QueryBuilder(ctx).Build(parsed, true);
    if (loose.typo_terms > 0) pass_below(loose, /*approximate=*/true, /*optional=*/true);
  }
  // An estimated total (Xapian's, for a filter whose name words it takes as
  // independent) may fall below the matches already shown: never say fewer.
  if (!result.hits.empty())
    result.total = std::max<std::int64_t>(result.total, offset + static_cast<std::int64_t>(result.hits.size()));
  if (request.facets) {
    result.facets = facets.Result(static_cast<std::size_t>(std::max(0, options.facet_values)), awards);
    result.facets_exact = facets.exact();
  }
  return result;
}

SearchHit Searcher::Impl::MakeHit(Xapian::docid id, double score, const Highlight& highlight) const {
  SearchHit hit;
  const Xapian::Document doc = db->get_document(id, Xapian::DOC_ASSUME_VALID);  // a match's id: no existence check
  std::optional<Record> record = DecodeHitData(doc.get_data());
  if (!record)
    throw Error(Errc::kIndex, "index document " + std::to_string(id) + " holds no record; run sovang reindex");
  hit.record = std::move(*record);
  hit.id = hit.record.id;
  hit.score = score;
  hit.places = NotesFor(hit.record, *places);
  hit.snippet = MakeSnippet(hit.record, highlight, hit.places);
  return hit;
}

}  // namespace sovang::index
