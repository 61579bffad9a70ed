-- Emergency declarations made on the staff page or the API (Art. 30 (3), (4)); those published as files are in
-- data/emergencies. A negative record held under a declaration (records.publication = 'held') waits for its provider's
-- confirmation; held_records lists them by provider (filled after each batch, emptied by the provider's decision), so the
-- provider's list does not scan the records table.
CREATE TABLE emergency_declarations (
  code                          TEXT PRIMARY KEY,
  kind                          TEXT NOT NULL,
  name                          TEXT NOT NULL,
  regions                       TEXT NOT NULL,      -- division codes, comma separated
  starts_on                     {{date}} NOT NULL,
  ends_on                       {{date}} NOT NULL,
  performance_extension_days    INTEGER NOT NULL,
  repair_decision_working_days  INTEGER,
  hold_records                  {{bool}} NOT NULL,
  declared_by                   TEXT NOT NULL,
  basis                         TEXT NOT NULL,
  created_at                    {{ts}} NOT NULL,
  created_by                    TEXT NOT NULL
);
CREATE TABLE held_records (
  record_id  {{bigint}} PRIMARY KEY REFERENCES records(id),
  provider   TEXT NOT NULL,
  held_at    {{ts}} NOT NULL
);
CREATE INDEX held_records_provider ON held_records (provider, record_id);
