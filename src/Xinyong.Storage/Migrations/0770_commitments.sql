-- 信用承诺 (Art. 45, 46, 50): one row per commitment case (cases.kind = 'commitment'), with what the public list
-- (信用承诺公示) searches by: subject, matter and unit. The workflow's states, steps and history are the case engine's.
CREATE TABLE commitments (
  id                     {{bigint}} PRIMARY KEY REFERENCES cases(id),
  number                 TEXT NOT NULL,            -- the case number, also the 承诺书编号 of the public record
  subject_id             {{bigint}} NOT NULL REFERENCES subjects(id),
  matter                 TEXT NOT NULL,            -- a matter code of data/commitments
  matter_name            TEXT NOT NULL,
  type                   TEXT NOT NULL,            -- a type code of data/commitments
  type_name              TEXT NOT NULL,
  signed_text            TEXT NOT NULL,            -- the subject's own declaration, as signed
  accepting_unit         TEXT NOT NULL,            -- the unit that accepted it (agency for a subject's own on the portal)
  verifying_unit         TEXT NOT NULL,            -- the unit that verifies it (Art. 46)
  channel                TEXT NOT NULL,            -- unit | portal
  committed_on           {{date}} NOT NULL,
  decision_date          {{date}},                 -- the licence or other decision it supports
  verification_due       {{date}},                 -- two calendar months after the decision (Art. 46)
  materials_due          {{date}},                 -- 容缺受理: the day the missing materials are due
  materials_received_on  {{date}},
  outcome                TEXT,                     -- fulfilled | rectify | breached
  verified_on            {{date}},
  record_id              {{bigint}} REFERENCES records(id),   -- the public credit-commitment record
  breach_record_id       {{bigint}} REFERENCES records(id),   -- the commitment-breach record, if any
  created_at             {{ts}} NOT NULL
);
CREATE INDEX commitments_subject ON commitments (subject_id, committed_on);
CREATE INDEX commitments_matter ON commitments (matter, committed_on);
CREATE INDEX commitments_unit ON commitments (accepting_unit, committed_on);
CREATE INDEX commitments_committed ON commitments (committed_on, id);
