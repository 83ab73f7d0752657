-- 0001: the base archive: sources (files as ingested, one per SHA-256), their
-- pages, records with their per-field evidence, and the outbox the index drains.
--
-- Migrations are applied by store/database.cpp, each once, in its own
-- transaction, and recorded in schema_migrations (which the runner creates:
-- version, name, checksum, applied_at). A migration file must not contain
-- BEGIN/COMMIT. Migrations run with foreign_keys off (so a table can be
-- rebuilt the way SQLite's ALTER TABLE page describes) and PRAGMA
-- foreign_key_check must come back empty before the migration commits.
--
-- Timestamps are ISO 8601 UTC text ("2024-05-01T08:30:00.000Z").
--
-- Enumerations are checked with OR chains, not IN lists: SQLite builds an
-- ephemeral table for a CHECK's IN list (of three or more) on every insert,
-- which made bulk inserts of record_fields twice as slow.

-- A file as ingested. Its master is kept once, by SHA-256 (64 lowercase hex).
CREATE TABLE sources (
  id            INTEGER PRIMARY KEY,
  sha256        TEXT NOT NULL UNIQUE
                CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  file_name     TEXT NOT NULL,               -- as ingested, no directory
  original_path TEXT NOT NULL DEFAULT '',    -- where it was read from
  master_path   TEXT NOT NULL DEFAULT '',    -- relative to the archive root
  media_type    TEXT NOT NULL DEFAULT '',    -- "image/tiff", "application/pdf", "text/csv"
  size_bytes    INTEGER NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
  page_count    INTEGER NOT NULL DEFAULT 0 CHECK (page_count >= 0),
  status        TEXT NOT NULL DEFAULT 'pending'
                CHECK (status = 'pending' OR status = 'done' OR status = 'failed'),
  error         TEXT,                        -- why it failed; NULL otherwise
  ingested_at   TEXT NOT NULL
);

-- One page of a source (1-based). Pages go with their source.
CREATE TABLE pages (
  id              INTEGER PRIMARY KEY,
  source_id       INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  page_no         INTEGER NOT NULL CHECK (page_no >= 1),
  kind            TEXT NOT NULL DEFAULT 'other'
                  CHECK (kind = 'ledger' OR kind = 'annex' OR kind = 'certificate' OR kind = 'csv' OR
                         kind = 'other'),
  width           INTEGER NOT NULL DEFAULT 0,
  height          INTEGER NOT NULL DEFAULT 0,
  image_path      TEXT NOT NULL DEFAULT '',  -- relative to the archive root (PNG)
  hocr_path       TEXT NOT NULL DEFAULT '',  -- relative to the archive root
  mean_confidence REAL NOT NULL DEFAULT 0,
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status = 'pending' OR status = 'done' OR status = 'failed'),
  error           TEXT,
  UNIQUE (source_id, page_no)
);

-- One person (or collective) and one award, as read from one place on one
-- page. The value columns mirror record_fields.value (the normalised value,
-- NULL when absent) so records can be filtered and exported without joins;
-- record_fields is what a Record is rebuilt from. Write both only through
-- store::Records, which also appends to the outbox.
CREATE TABLE records (
  id              TEXT PRIMARY KEY NOT NULL,
  source_id       INTEGER REFERENCES sources(id),   -- NULL: not from a file (typed in)
  page_id         INTEGER REFERENCES pages(id),     -- NULL: not from a scanned page (CSV row)
  kind            TEXT NOT NULL DEFAULT 'other'
                  CHECK (kind = 'ledger' OR kind = 'annex' OR kind = 'certificate' OR kind = 'csv' OR
                         kind = 'other'),
  full_name       TEXT,
  gender          TEXT,
  birth_year      INTEGER,                          -- NULL unless the value is a whole number
  commune         TEXT,
  district        TEXT,
  province        TEXT,
  award           TEXT,
  award_code      TEXT,
  decision_number TEXT,
  decision_key    TEXT,                             -- core DecisionKey(decision_number)
  decision_date   TEXT,                             -- ISO 8601 date
  authority       TEXT,
  book_number     TEXT,
  source_file     TEXT NOT NULL DEFAULT '',         -- the file name as ingested
  source_sha256   TEXT NOT NULL DEFAULT '',
  source_page     INTEGER NOT NULL DEFAULT 0,       -- 1-based; 0 for a CSV row
  source_row      INTEGER NOT NULL DEFAULT 0,       -- CSV row; 0 for scanned pages
  x               INTEGER NOT NULL DEFAULT 0,       -- the record's box on the page
  y               INTEGER NOT NULL DEFAULT 0,
  w               INTEGER NOT NULL DEFAULT 0,
  h               INTEGER NOT NULL DEFAULT 0,
  confidence      REAL NOT NULL DEFAULT 0 CHECK (confidence >= 0 AND confidence <= 1),
  review          TEXT NOT NULL DEFAULT 'auto'
                  CHECK (review = 'auto' OR review = 'needs_review' OR review = 'reviewed'),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);

CREATE INDEX records_decision_key ON records(decision_key) WHERE decision_key IS NOT NULL;
CREATE INDEX records_book_number ON records(book_number) WHERE book_number IS NOT NULL;
CREATE INDEX records_review_confidence ON records(review, confidence);
CREATE INDEX records_page_id ON records(page_id);
CREATE INDEX records_source_id ON records(source_id);  -- foreign key checks on source deletes

-- The evidence for each field of a record: what the page says, what it
-- means, how sure we are and where it is. One row per field that has any of
-- these; field is the JSON key ("full_name", "birth_year", ...).
CREATE TABLE record_fields (
  record_id  TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  field      TEXT NOT NULL
             CHECK (field = 'full_name' OR field = 'gender' OR field = 'birth_year' OR field = 'commune' OR
                    field = 'district' OR field = 'province' OR field = 'award' OR field = 'award_code' OR
                    field = 'decision_number' OR field = 'decision_date' OR field = 'authority' OR
                    field = 'book_number'),
  verbatim   TEXT NOT NULL DEFAULT '',
  value      TEXT NOT NULL DEFAULT '',   -- '' when absent
  confidence REAL NOT NULL DEFAULT 0,
  x          INTEGER NOT NULL DEFAULT 0,
  y          INTEGER NOT NULL DEFAULT 0,
  w          INTEGER NOT NULL DEFAULT 0,
  h          INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (record_id, field)
) WITHOUT ROWID;

-- Every record write appends here in the same transaction; the index applies
-- entries in seq order and remembers the last seq it committed. AUTOINCREMENT:
-- a seq is never reused, even after the newest entries are pruned.
CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  record_id  TEXT NOT NULL,              -- no foreign key: deletes are entries too
  op         TEXT NOT NULL CHECK (op = 'upsert' OR op = 'delete'),
  created_at TEXT NOT NULL
);
