// A development tool, hidden from the normal run: every wrong field of an
// archive against its truth, one a line, to see what extraction still misses.
//
//   SOVANG_WRONG_DATA=/tmp/fx11 SOVANG_WRONG_TRUTH=/tmp/x11/truth.jsonl build/tests/test_ingest "[.wrong]"
//
// Each line: file#page, field, "truth" -> "found" (verbatim), confidence,
// and whether the record is in the review queue (FLAGGED) or not (UNFLAGGED).

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "core/decision_number.h"
#include "ingest/eval.h"
#include "store/database.h"
#include "text/normalize.h"

TEST_CASE("wrong fields of an archive (development tool)", "[.wrong]") {
  const char* data = std::getenv("SOVANG_WRONG_DATA");
  const char* truth = std::getenv("SOVANG_WRONG_TRUTH");
  if (!data || !truth) {
    WARN("set SOVANG_WRONG_DATA and SOVANG_WRONG_TRUTH");
    return;
  }
  sovang::store::Database db = sovang::store::Database::Open(std::filesystem::path(data) / "sovang.db");
  const sovang::ingest::TruthMatch m = sovang::ingest::MatchTruth(db, truth);
  using sovang::FieldId;
  constexpr FieldId kCompared[] = {FieldId::kFullName,  FieldId::kGender,         FieldId::kBirthYear,
                                   FieldId::kCommune,   FieldId::kDistrict,       FieldId::kProvince,
                                   FieldId::kAwardCode, FieldId::kDecisionNumber, FieldId::kDecisionDate,
                                   FieldId::kBookNumber};
  auto canonical = [](FieldId id, const std::string& v) {
    if (id == FieldId::kDecisionNumber) return sovang::DecisionKey(v);
    return sovang::text::CollapseSpaces(sovang::text::Nfc(v));
  };
  for (const auto& t : m.truth) {
    if (!t.match) {
      std::cout << t.truth_key << "\t" << t.kind << "/" << t.degradation << "\tMISSING\t"
                << t.record.value(FieldId::kFullName) << "\n";
      continue;
    }
    const bool flagged = t.match->review == sovang::ReviewState::kNeedsReview;
    for (FieldId id : kCompared) {
      if (!t.record[id].present()) continue;
      const auto& f = (*t.match)[id];
      if (canonical(id, f.value) == canonical(id, t.record[id].value)) continue;
      char conf[16];
      std::snprintf(conf, sizeof conf, "%.2f", f.confidence);
      std::cout << t.truth_key << "\t" << t.kind << "/" << t.degradation << "\t" << sovang::FieldKey(id) << "\t"
                << t.record[id].value << "\t->\t" << f.value << "\t[" << f.verbatim << "]\t" << conf << "\t"
                << (flagged ? "FLAGGED" : "UNFLAGGED") << "\t" << t.match->id << "\n";
    }
  }
}
