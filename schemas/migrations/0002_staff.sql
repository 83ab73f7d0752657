-- 0002: staff accounts and sessions, the hash-chained audit log, certificates
-- and their verification codes, reissue requests, and the log of public
-- verification lookups. Written through store/staff_users, store/staff_sessions,
-- store/audit, store/certificates and store/reissue only.
--
-- Timestamps are ISO 8601 UTC text ("2024-05-01T08:30:00.000Z"); dates are
-- ISO "YYYY-MM-DD".

-- A member of staff. Accounts are disabled, never deleted, so the audit log
-- and the reissue requests keep naming who did what.
CREATE TABLE staff_users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE
                CHECK (length(username) BETWEEN 1 AND 64 AND username = lower(username)),
  role          TEXT NOT NULL CHECK (role IN ('admin', 'archivist', 'verifier', 'approver')),
  password_hash TEXT NOT NULL,            -- libsodium crypto_pwhash_str (argon2id)
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

-- A login. The cookie holds a random token; only its SHA-256 is stored, so a
-- copy of the database does not let anyone in.
CREATE TABLE staff_sessions (
  token_hash TEXT PRIMARY KEY NOT NULL
             CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
  user_id    INTEGER NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
  client     TEXT NOT NULL DEFAULT '',    -- the address it logged in from
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX staff_sessions_user ON staff_sessions(user_id);
CREATE INDEX staff_sessions_expires ON staff_sessions(expires_at);

-- Every change, appended in the transaction of the change. Rows are chained:
-- hash = SHA-256(prev_hash || canonical content of the row), prev_hash of the
-- first row is 64 zeros. AUTOINCREMENT: seq is never reused, so a deleted row
-- leaves a gap and a deleted newest row leaves sqlite_sequence ahead; both
-- are found by store::VerifyAuditChain.
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  at         TEXT NOT NULL,
  actor_id   INTEGER,                   -- staff_users.id; NULL for the system (ingest, CLI)
  actor      TEXT NOT NULL,             -- the user name then, or "system:<what>"
  action     TEXT NOT NULL,             -- "record.correct", "reissue.approve", "user.add", ...
  entity     TEXT NOT NULL,             -- "record" | "reissue_request" | "user" | "certificate"
  entity_id  TEXT NOT NULL,
  record_id  TEXT,                      -- the award record concerned, if any
  old_value  TEXT,                      -- JSON; NULL when there was nothing before
  new_value  TEXT,                      -- JSON; NULL when nothing is left after
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL UNIQUE
);

CREATE INDEX audit_log_record ON audit_log(record_id) WHERE record_id IS NOT NULL;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

-- The certificates of an award record: the original (the paper the holder
-- has, registered with a code at ingest) and one per reissue. Exactly one
-- original per record; a reissue supersedes the certificates before it.
CREATE TABLE certificates (
  id                 INTEGER PRIMARY KEY,
  record_id          TEXT NOT NULL REFERENCES records(id),
  code               TEXT NOT NULL UNIQUE,   -- canonical "7KQ2-M9XD-4TPW-C8R3-H"
  kind               TEXT NOT NULL CHECK (kind IN ('original', 'reissue')),
  status             TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'superseded', 'revoked')),
  issued_at          TEXT NOT NULL,
  supersedes_id      INTEGER REFERENCES certificates(id),
  reissue_request_id INTEGER REFERENCES reissue_requests(id),
  status_changed_at  TEXT,
  status_reason      TEXT                    -- why revoked
);

CREATE UNIQUE INDEX certificates_one_original ON certificates(record_id) WHERE kind = 'original';
CREATE INDEX certificates_record ON certificates(record_id);
CREATE INDEX certificates_supersedes ON certificates(supersedes_id) WHERE supersedes_id IS NOT NULL;
CREATE INDEX certificates_request ON certificates(reissue_request_id) WHERE reissue_request_id IS NOT NULL;

-- A request to exchange (cap_doi) or replace (cap_lai) an award's
-- certificate, tracked from receipt to issue. Due dates come from the dated
-- rule in force on the day it was received (schemas/reissue_rules.json).
-- People are staff_users ids without a foreign key: 0 is the open-access
-- development user.
CREATE TABLE reissue_requests (
  id                 INTEGER PRIMARY KEY,
  record_id          TEXT NOT NULL REFERENCES records(id),
  kind               TEXT NOT NULL CHECK (kind IN ('cap_doi', 'cap_lai')),
  reason             TEXT NOT NULL DEFAULT '',
  applicant_name     TEXT NOT NULL,
  applicant_relation TEXT NOT NULL DEFAULT '',
  status             TEXT NOT NULL CHECK (status IN ('received', 'verified', 'approved', 'rejected', 'issued')),
  received_on        TEXT NOT NULL,        -- date the application arrived
  rule_id            TEXT NOT NULL,        -- the rule that set the due dates
  forward_due        TEXT NOT NULL,        -- date: checked and forwarded by then
  due_date           TEXT NOT NULL,        -- date: answered by then
  filed_by           INTEGER NOT NULL,
  filed_by_name      TEXT NOT NULL,
  filed_at           TEXT NOT NULL,
  verified_by        INTEGER,
  verified_at        TEXT,
  decided_by         INTEGER,              -- approved or rejected by
  decided_at         TEXT,
  decision_note      TEXT,
  issued_by          INTEGER,
  issued_at          TEXT,
  certificate_id     INTEGER REFERENCES certificates(id),
  updated_at         TEXT NOT NULL
);

CREATE INDEX reissue_requests_status ON reissue_requests(status, due_date);
CREATE INDEX reissue_requests_record ON reissue_requests(record_id);

-- Every public verification lookup: when, from where, what was asked (the
-- SHA-256 of the code, never the code; or the printed numbers) and the answer.
CREATE TABLE verification_log (
  id             INTEGER PRIMARY KEY,
  at             TEXT NOT NULL,
  client         TEXT NOT NULL,
  method         TEXT NOT NULL CHECK (method IN ('code', 'numbers')),
  code_hash      TEXT,
  numbers        TEXT,                   -- JSON {"decision", "date", "book"} as asked
  result         TEXT NOT NULL CHECK (result IN ('valid', 'superseded', 'revoked', 'unknown')),
  certificate_id INTEGER REFERENCES certificates(id)
);

CREATE INDEX verification_log_at ON verification_log(at);
CREATE INDEX verification_log_certificate ON verification_log(certificate_id) WHERE certificate_id IS NOT NULL;
