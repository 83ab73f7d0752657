#pragma once
// Reissue requests: exchanging a damaged or misprinted certificate (cấp đổi)
// or replacing a lost one (cấp lại), tracked from receipt to issue.
//
//   received --verify--> verified --approve--> approved --issue--> issued
//   received | verified | approved --reject--> rejected
//
// A verifier or archivist files and verifies; an approver approves, rejects
// and issues, and may not be the one who filed the request (four eyes).
// Awards with no reissue path (catalog `reissuable: false`) are refused with
// the catalog's Vietnamese reason. Every transition is audited in its own
// transaction; issuing creates the new certificate and supersedes the old.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/award_catalog.h"
#include "store/audit.h"
#include "store/certificates.h"
#include "store/database.h"
#include "store/reissue_rules.h"

namespace sovang::store {

struct ReissueRequest {
  std::int64_t id = 0;
  std::string record_id;
  std::string kind;  // "cap_doi" | "cap_lai"
  std::string reason;
  std::string applicant_name;
  std::string applicant_relation;  // "bản thân", "con", "vợ", ...
  std::string status;              // "received" | "verified" | "approved" | "rejected" | "issued"
  std::string received_on;         // ISO date
  std::string rule_id;
  std::string forward_due;  // ISO date
  std::string due_date;     // ISO date
  std::int64_t filed_by = 0;
  std::string filed_by_name;
  std::string filed_at;
  std::int64_t verified_by = 0;
  std::string verified_at;
  std::int64_t decided_by = 0;
  std::string decided_at;
  std::string decision_note;
  std::int64_t issued_by = 0;
  std::string issued_at;
  std::int64_t certificate_id = 0;
  std::string updated_at;

  bool open() const { return status == "received" || status == "verified" || status == "approved"; }
  // Past the deadline of its current step on `today` (ISO date): forwarding
  // while received or verified, the answer while approved.
  bool OverdueOn(const std::string& today) const;
};

struct NewReissueRequest {
  std::string record_id;
  std::string kind;
  std::string reason;
  std::string applicant_name;
  std::string applicant_relation;
  std::string received_on;  // ISO date; empty: today (in Vietnam)
};

struct ReissueFilter {
  std::string status;  // empty: every status
  bool overdue_only = false;
  std::string today;      // empty: TodayInVietnam()
  std::string record_id;  // empty: every record
  int limit = 200;
};

// The reason (Vietnamese) an award form cannot be reissued, or nullopt when
// it can or the form is not in the catalog. Looks the form up by award code,
// then by the printed name.
std::optional<std::string> NoReissueReason(const AwardCatalog& catalog, const std::string& award_code,
                                           const std::string& award_name);

class ReissueRequests {
 public:
  // REQUIRES: `rules` and `catalog` outlive this object.
  explicit ReissueRequests(Database& db, const ReissueRules& rules = ReissueRules::Default(),
                           const AwardCatalog& catalog = AwardCatalog::Default())
      : db_(db), rules_(rules), catalog_(catalog) {}

  // Files a request (status "received") with due dates from the rule in force
  // on the day it was received. Errors: kPermissionDenied (role),
  // kInvalidArgument (kind, applicant, date), kNotFound (record), kConflict
  // (the award has no reissue path: the message is the Vietnamese reason).
  ReissueRequest File(const NewReissueRequest& request, const Actor& actor);

  // Transitions. Errors: kNotFound (request), kPermissionDenied (role, or the
  // approver filed it), kConflict (not allowed from the current status, or
  // the award has no reissue path).
  ReissueRequest Verify(std::int64_t id, const Actor& actor, const std::string& note = "");
  ReissueRequest Approve(std::int64_t id, const Actor& actor, const std::string& note = "");
  ReissueRequest Reject(std::int64_t id, const Actor& actor, const std::string& note = "");
  struct Issued {
    ReissueRequest request;
    Certificate certificate;
  };
  Issued Issue(std::int64_t id, const Actor& actor);

  std::optional<ReissueRequest> Get(std::int64_t id);
  // Oldest due first.
  std::vector<ReissueRequest> List(const ReissueFilter& filter = {});

 private:
  ReissueRequest Require(std::int64_t id);
  void CheckReissuable(const std::string& record_id);
  ReissueRequest Transition(std::int64_t id, const Actor& actor, const std::string& action,
                            const std::vector<std::string>& from, const std::string& to, const std::string& note);

  Database& db_;
  const ReissueRules& rules_;
  const AwardCatalog& catalog_;
};

// The request as the API shows it, with "overdue" computed for `today`.
nlohmann::json ReissueRequestToJson(const ReissueRequest& request, const std::string& today = "");

}  // namespace sovang::store
