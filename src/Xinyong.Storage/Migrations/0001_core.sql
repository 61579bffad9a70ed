-- Core schema: subjects, catalog records with every version, batches, accounts and credentials, access log, audit chain.
-- Tokens: {{id}} identity primary key, {{ts}} instant, {{date}} date, {{bool}} boolean, {{bigint}} 64-bit integer,
-- {{key}} text compared byte by byte (codes, keys: COLLATE "C" on PostgreSQL, SQLite's default BINARY).

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- 信用主体. Matched only by a valid identifier (Art. 19). Natural persons' numbers are stored as a keyed hash (id_key)
-- and a masked display form (id_masked), never in clear.
CREATE TABLE subjects (
  id          {{id}},
  ref         {{key}} NOT NULL,              -- public reference: the USCC, or P + 16 hex for a natural person (a prefix of id_key)
  kind        TEXT NOT NULL,              -- legal-person | unincorporated | individual-business | natural-person | government-body
  id_type     TEXT NOT NULL,              -- uscc | resident-id | passport | hk-macao-permit | ...
  id_key      {{key}} NOT NULL UNIQUE,       -- lookup key: the USCC, or p: + keyed hash
  id_masked   TEXT NOT NULL,
  name        TEXT NOT NULL,
  region      TEXT,                       -- six-digit division code
  legal_rep   TEXT,
  created_at  {{ts}} NOT NULL,
  updated_at  {{ts}} NOT NULL
);

-- Name history: every name a subject was known by, from which source (Art. 19 matching never depends on names).
CREATE TABLE subject_names (
  subject_id  {{bigint}} NOT NULL REFERENCES subjects(id),
  name        {{key}} NOT NULL,
  first_seen  {{ts}} NOT NULL,
  source      TEXT NOT NULL,
  PRIMARY KEY (subject_id, name)
);

-- Character bigrams of subject names, for partial-name search that works the same on both stores.
CREATE TABLE subject_name_grams (
  gram        TEXT NOT NULL,
  subject_id  {{bigint}} NOT NULL,
  PRIMARY KEY (gram, subject_id)
);

-- 信用记录: the current version of each record. Earlier versions are in record_versions; nothing is ever deleted.
CREATE TABLE records (
  id            {{id}},
  item          {{key}} NOT NULL,
  subject_id    {{bigint}} NOT NULL REFERENCES subjects(id),
  doc_key       {{key}} NOT NULL,             -- normalized decision document number(s): identifies the record in item + subject
  version       INTEGER NOT NULL,
  status        TEXT NOT NULL,             -- active | revoked | archived
  serious       {{bool}} NOT NULL,
  decided_on    {{date}},
  public_until  {{date}},                  -- last day of publication; NULL = indefinitely
  repair_from   {{date}},
  withheld      {{bool}} NOT NULL,          -- not published: positive info the subject declined (Art. 37), or repaired
  region        TEXT,
  authority     TEXT,
  fields        TEXT NOT NULL,             -- JSON object of the current version's fields
  content_hash  TEXT NOT NULL,
  provider      TEXT NOT NULL,             -- who sent the current version
  channel       TEXT NOT NULL,             -- api | file | cli | sample | staff
  batch_id      {{bigint}},
  received_at   {{ts}} NOT NULL,
  changed_at    {{ts}} NOT NULL            -- last change of content or status (open-data change feed)
);
-- One record per item, subject and decision number; also the index of a subject's records.
CREATE UNIQUE INDEX records_key ON records (subject_id, item, doc_key);
CREATE INDEX records_changed ON records (changed_at);
CREATE INDEX records_listing ON records (item, decided_on);

CREATE TABLE record_versions (
  record_id     {{bigint}} NOT NULL REFERENCES records(id),
  version       INTEGER NOT NULL,
  status        TEXT NOT NULL,
  fields        TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  provider      TEXT NOT NULL,
  channel       TEXT NOT NULL,
  batch_id      {{bigint}},
  received_at   {{ts}} NOT NULL,
  superseded_at {{ts}} NOT NULL,
  reason        TEXT,                      -- why the next version replaced it
  PRIMARY KEY (record_id, version)
);

-- What happened to a record besides new content: archived, revoked, objection marks, withheld, repaired.
CREATE TABLE record_events (
  id          {{id}},
  record_id   {{bigint}} NOT NULL REFERENCES records(id),
  at          {{ts}} NOT NULL,
  kind        TEXT NOT NULL,
  actor       TEXT NOT NULL,
  detail      TEXT
);
CREATE INDEX record_events_record ON record_events (record_id);

-- A push or a file: its answer is kept so that the same batch sent twice answers the same.
CREATE TABLE batches (
  id          {{id}},
  provider    {{key}} NOT NULL,
  batch_key   {{key}} NOT NULL,
  item        TEXT NOT NULL,
  channel     TEXT NOT NULL,
  file_name   TEXT,
  received_at {{ts}} NOT NULL,
  finished_at {{ts}},
  accepted    INTEGER NOT NULL DEFAULT 0,
  updated     INTEGER NOT NULL DEFAULT 0,
  duplicates  INTEGER NOT NULL DEFAULT 0,
  rejected    INTEGER NOT NULL DEFAULT 0,
  response    TEXT,
  UNIQUE (provider, batch_key)
);

-- Provider units, departments, staff and authorized institutions: one table of accounts, each with its rights.
CREATE TABLE accounts (
  code        TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,               -- provider | department | staff | institution
  name        TEXT NOT NULL,
  level       TEXT,                        -- province | city | county | township
  region      TEXT,
  uscc        TEXT,
  role        TEXT,
  created_at  {{ts}} NOT NULL,
  disabled_at {{ts}}
);

CREATE TABLE account_items (
  account     TEXT NOT NULL REFERENCES accounts(code),
  item        TEXT NOT NULL,
  PRIMARY KEY (account, item)
);

-- Bearer tokens, stored as SHA-256 only.
CREATE TABLE credentials (
  token_hash  TEXT PRIMARY KEY,
  account     TEXT NOT NULL REFERENCES accounts(code),
  created_at  {{ts}} NOT NULL,
  revoked_at  {{ts}}
);

-- Art. 35: who read a subject's conditional or personal information, when, for what purpose, under which authorization.
CREATE TABLE access_log (
  id               {{id}},
  at               {{ts}} NOT NULL,
  subject_id       {{bigint}} NOT NULL,
  actor_kind       TEXT NOT NULL,
  actor            TEXT NOT NULL,
  purpose          TEXT NOT NULL,
  authorization_id {{bigint}},
  what             TEXT NOT NULL,
  channel          TEXT NOT NULL
);
CREATE INDEX access_log_subject ON access_log (subject_id, at);

-- Tamper-evident audit chain: each entry's hash covers the previous entry's hash.
CREATE TABLE audit_log (
  seq        {{id}},
  at         {{ts}} NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  target     TEXT NOT NULL,
  detail     TEXT,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);
