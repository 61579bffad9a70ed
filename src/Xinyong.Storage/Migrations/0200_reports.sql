-- The register of issued credit reports (信用报告): one row per report, so that anyone can check online
-- that a report exists, what it certifies, and that a file is byte for byte the one issued. The PDF itself is not kept:
-- only the SHA-256 of the final signed bytes.

CREATE TABLE issued_reports (
  report_no     TEXT PRIMARY KEY,             -- XY + yyyyMMdd + 10 random characters
  subject_id    {{bigint}} NOT NULL REFERENCES subjects(id),
  subject_name  TEXT NOT NULL,                -- the name as printed on the report
  subject_code  TEXT NOT NULL,                -- the code as printed: the USCC, or the masked identity number
  version       TEXT NOT NULL,                -- public | full (the subject's own self-query version)
  as_of         {{ts}} NOT NULL,              -- the moment whose information the report reflects
  sha256        TEXT NOT NULL,                -- of the signed file, 64 lower-case hex digits
  key_id        TEXT NOT NULL,                -- the signing key's fingerprint
  contents      TEXT NOT NULL,                -- JSON: the sections and how many entries each holds
  issued_at     {{ts}} NOT NULL,
  issued_to     TEXT NOT NULL,                -- public | subject:<ref> | operator
  channel       TEXT NOT NULL                 -- web | self | cli
);
CREATE UNIQUE INDEX issued_reports_sha256 ON issued_reports (sha256);
CREATE INDEX issued_reports_subject ON issued_reports (subject_id, issued_at);
