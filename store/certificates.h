#pragma once
// Certificates of award records and their verification codes. Each award
// record has one original certificate (the paper the holder has, registered
// with a code when the record is ingested) and one more per reissue; a
// reissue supersedes the certificates before it. Public verification reads
// from here, never from the index, and answers only what a certificate
// prints.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/audit.h"
#include "store/database.h"

namespace sovang::store {

struct Certificate {
  std::int64_t id = 0;
  std::string record_id;
  std::string code;    // canonical printed form, "7KQ2-M9XD-4TPW-C8R3-H"
  std::string kind;    // "original" | "reissue"
  std::string status;  // "valid" | "superseded" | "revoked"
  std::string issued_at;
  std::int64_t supersedes_id = 0;       // 0: none
  std::int64_t reissue_request_id = 0;  // 0: none
  std::string status_changed_at;
  std::string status_reason;
};

// {"code", "kind", "status"}: what staff see in a record's certificate list.
nlohmann::json CertificateToJson(const Certificate& certificate);

// The answer to a public verification: the certificate's status and what the
// certificate itself prints. Never birth year, hometown or any other record.
struct Verification {
  std::string status = "unknown";   // "valid" | "superseded" | "revoked" | "unknown"
  std::int64_t certificate_id = 0;  // 0 when unknown (for the log; not shown)
  std::string code;                 // empty for a lookup by printed numbers
  std::string kind;
  std::string recipient;
  std::string award;
  std::string decision_number;
  std::string decision_date;
  std::string authority;
};

// {"status", "certificate": {"code", "kind"} | null, "recipient",
//  "award", "decision_number", "decision_date", "authority"} (null when unknown).
nlohmann::json VerificationToJson(const Verification& verification);

class Certificates {
 public:
  explicit Certificates(Database& db) : db_(db) {}

  // The original certificate of an award record, registered with a fresh
  // code when the record has none yet (audited "certificate.register").
  // Idempotent: the same record keeps its code. Called by the ingest pipeline
  // for every new award record. Joins the caller's transaction or opens one.
  // Throws Error(kNotFound) when the record does not exist.
  Certificate EnsureOriginal(const std::string& record_id, const Actor& actor = SystemActor("ingest"));

  // A record's certificates, oldest first.
  std::vector<Certificate> OfRecord(const std::string& record_id);
  std::optional<Certificate> Get(std::int64_t id);
  // The certificate issued for a reissue request, if any.
  std::optional<Certificate> OfRequest(std::int64_t reissue_request_id);

  // Issues a reissue certificate for the record, superseding every valid
  // certificate it has (registering the original first when missing). Each
  // change is audited. The caller holds the transaction of the request's
  // transition (store::ReissueRequests::Issue does this).
  Certificate IssueReissue(const std::string& record_id, std::int64_t reissue_request_id, const Actor& actor);

  // Revokes a certificate (audited). Error(kNotFound) for an unknown id,
  // Error(kConflict) when it is already revoked.
  Certificate Revoke(std::int64_t id, const std::string& reason, const Actor& actor);

  // Public verification by a code as typed (lower case, missing dashes, I/L/O
  // forgiven). Unknown for anything that is not a valid code.
  Verification VerifyCode(std::string_view typed_code);

  // Public verification of an original paper certificate by the numbers it
  // prints: decision number (any separators: core DecisionKey), decision date
  // (ISO or as printed) and golden-book number. Unknown unless exactly one
  // award matches (records that repeat one award for one name count once).
  Verification VerifyNumbers(std::string_view decision_number, std::string_view decision_date,
                             std::string_view book_number);

 private:
  Certificate Insert(const std::string& record_id, const std::string& kind, std::int64_t supersedes_id,
                     std::int64_t reissue_request_id);
  Verification Describe(const Certificate& certificate);

  Database& db_;
};

}  // namespace sovang::store
