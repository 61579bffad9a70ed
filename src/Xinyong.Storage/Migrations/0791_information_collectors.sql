-- The registry of credit-service firms and other collectors of non-public credit information (Art. 41 (2), 43 (2)):
-- the respondents of complaints on the case engine (kind collector-complaint).
CREATE TABLE info_collectors (
  id             {{id}},
  code           TEXT NOT NULL UNIQUE,       -- the registry's stable code
  name           TEXT NOT NULL,
  uscc           TEXT,                       -- its unified social credit code
  kind           TEXT NOT NULL,              -- credit-service | other
  region         TEXT,                       -- six-digit division code
  business       TEXT,                       -- what it collects or provides
  registered_at  {{ts}} NOT NULL,
  registered_by  TEXT NOT NULL
);
