-- Query and portal: the name index of public search, the disclosure-period archive, authorizations of queries.

-- Search: what the name index (subject_name_grams, created by the core schema) holds for each subject, so that the
-- indexer re-indexes a subject only when its name changed. Natural persons are never indexed (Art. 23).
CREATE TABLE subject_search (
  subject_id  {{bigint}} PRIMARY KEY REFERENCES subjects(id),
  name        TEXT NOT NULL,                 -- the normalized name the grams were cut from
  indexed_at  {{ts}} NOT NULL
);
-- The exact name is always found first, however common its bigrams.
CREATE INDEX subject_search_name ON subject_search (name);
-- The indexer catches up on subjects created or renamed since its watermark.
CREATE INDEX subjects_updated ON subjects (updated_at, id);

-- Disclosure periods (Art. 37): the archive job finds active records whose period ended.
CREATE INDEX records_public_until ON records (public_until) WHERE status = 'active';

-- Authorized query (Art. 23(2), 24): a subject lets one institution read its conditionally open records of the named
-- items, for a purpose, until an expiry; revocable at any time.
CREATE TABLE authorizations (
  id          {{id}},
  subject_id  {{bigint}} NOT NULL REFERENCES subjects(id),
  grantee     TEXT NOT NULL REFERENCES accounts(code),   -- the institution
  purpose     TEXT NOT NULL,
  items       TEXT NOT NULL,                              -- comma-separated catalog item codes (conditionally open)
  granted_at  {{ts}} NOT NULL,
  granted_by  TEXT NOT NULL,                              -- subject:REF, or a staff code for a written authorization
  expires_on  {{date}} NOT NULL,                          -- last valid day (Beijing)
  revoked_at  {{ts}},
  revoked_by  TEXT
);
CREATE INDEX authorizations_subject ON authorizations (subject_id, granted_at);
CREATE INDEX authorizations_grantee ON authorizations (grantee, subject_id);
