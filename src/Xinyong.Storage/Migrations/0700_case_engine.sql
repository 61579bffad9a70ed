-- The case engine: one table for every case of every kind declared in data/cases/ (supervision cases, commitments,
-- complaints, …), its parties and its extensions. Deadlines, history, pauses and attachments stay in the generic tables
-- case_deadlines, case_steps, clock_pauses and case_attachments, keyed by (case_kind, case_id).
CREATE TABLE cases (
  id           {{id}},
  kind         TEXT NOT NULL,                 -- the declared kind (data/cases/<kind>.yaml)
  number       TEXT NOT NULL UNIQUE,          -- the case number shown to people
  state        TEXT NOT NULL,                 -- one of the kind's declared states
  subject_id   {{bigint}} REFERENCES subjects(id),  -- the credit subject the case concerns, if any
  unit         TEXT NOT NULL,                 -- the handling unit (who takes its steps)
  data         TEXT NOT NULL,                 -- the kind's own fields as JSON
  opened_at    {{ts}} NOT NULL,
  opened_by    TEXT NOT NULL,
  closed_at    {{ts}},
  version      INTEGER NOT NULL               -- raised by every action; an action on a stale version is refused
);
CREATE INDEX cases_kind_state ON cases (kind, state, opened_at);
CREATE INDEX cases_unit ON cases (unit, kind, state);
CREATE INDEX cases_subject ON cases (subject_id);

-- The parties of a case by role (complainant, respondent, applicant, verifier …): an account, a subject, or a person
-- named with a contact.
CREATE TABLE case_parties (
  id           {{id}},
  case_id      {{bigint}} NOT NULL REFERENCES cases(id),
  role         TEXT NOT NULL,
  account      TEXT,
  subject_id   {{bigint}} REFERENCES subjects(id),
  name         TEXT NOT NULL,
  contact      TEXT
);
CREATE INDEX case_parties_case ON case_parties (case_id, role);
CREATE INDEX case_parties_account ON case_parties (account);

-- Extensions of a step's period with who approved them and why (limits per kind, data/cases/).
CREATE TABLE case_extensions (
  id            {{id}},
  case_kind     TEXT NOT NULL,
  case_id       {{bigint}} NOT NULL,
  step          TEXT NOT NULL,                -- the deadline rule code of the extended step
  working_days  INTEGER NOT NULL,
  approved_by   TEXT NOT NULL,
  reason        TEXT NOT NULL,
  entered_by    TEXT NOT NULL,
  at            {{ts}} NOT NULL
);
CREATE INDEX case_extensions_case ON case_extensions (case_kind, case_id);

-- The working days added to a step by its extensions (its due date is recomputed with them after every pause).
ALTER TABLE case_deadlines ADD COLUMN extended_days INTEGER NOT NULL DEFAULT 0;
