-- 营商环境监督案件 (《黑龙江省营商环境监督办法》): the case itself is a case of the case engine (cases, kind
-- 'supervision'); this table holds what its searches and statistics need as columns: the channel and source, the
-- respondent, the fingerprint of its facts (a repeated complaint after a review decision is found by it, SM Art. 24),
-- the complainant's query code (hashed), review links, the closing and the follow-up of an order to correct.
CREATE TABLE supervision_cases (
  case_id               {{bigint}} PRIMARY KEY REFERENCES cases(id),
  channel               TEXT NOT NULL,              -- data/supervision/rules.yaml channels (SM Art. 16)
  source_account        TEXT,                       -- the monitoring station or special supervisor that reported it
  respondent_name       TEXT NOT NULL,
  respondent_subject_id {{bigint}} REFERENCES subjects(id),
  respondent_account    TEXT,                       -- the respondent's own account (answers, SM Art. 18)
  complainant_name      TEXT,
  fingerprint           TEXT NOT NULL,              -- respondent + categories + normalised facts, SHA-256
  query_code_hash       TEXT,                       -- SHA-256 of the complainant's query code
  review_of             {{bigint}} REFERENCES cases(id),   -- a review (复查) case: the case reviewed (SM Art. 24)
  review_decided        {{bool}} NOT NULL,          -- a review of this case has been decided (SM Art. 24 (2))
  received_on           {{date}} NOT NULL,
  accepted_on           {{date}},
  closed_on             {{date}},
  closing_type          TEXT,                       -- SM Art. 22
  serious               {{bool}} NOT NULL,
  correct_by            {{date}},                   -- the order to correct (SM Art. 22 (1))
  corrected_on          {{date}},
  escalated_on          {{date}},                   -- SM Art. 23
  review_request_due    {{date}},
  integrity_record_id   {{bigint}},
  published             {{bool}} NOT NULL,          -- a typical case published on the portal (SM Art. 28)
  published_summary     TEXT
);
CREATE INDEX supervision_cases_fingerprint ON supervision_cases (fingerprint);
CREATE INDEX supervision_cases_respondent ON supervision_cases (respondent_subject_id);
CREATE INDEX supervision_cases_account ON supervision_cases (respondent_account);

-- The SM Art. 8 categories of each case (one or more), for statistics.
CREATE TABLE supervision_categories (
  case_id   {{bigint}} NOT NULL REFERENCES cases(id),
  category  TEXT NOT NULL,
  PRIMARY KEY (case_id, category)
);
