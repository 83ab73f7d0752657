-- The verification log is written at the rate citizens verify (thousands of
-- rows a second under load). Its index on certificate_id took every row to a
-- random leaf of a large B-tree: each commit wrote one index page per row to
-- the WAL, and that index cost more server CPU than the lookups themselves.
-- Nothing reads it; a staff question "who verified this certificate" is a
-- rare report that can scan the log. Rows keep certificate_id.
DROP INDEX IF EXISTS verification_log_certificate;
