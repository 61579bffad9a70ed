-- The subject's rights (Art. 35, 38-40): objections, credit repair, the deadlines of every step, case histories,
-- attachments, corrections sent to the holders of shared copies, and the notification outbox.

-- 异议. The target is a record or a list entry; the competent unit decides; the receiving unit may be another one.
CREATE TABLE objections (
  id                 {{id}},
  subject_id         {{bigint}} NOT NULL REFERENCES subjects(id),
  target_kind        TEXT NOT NULL,              -- record | list-entry
  record_id          {{bigint}} REFERENCES records(id),
  list_entry_id      {{bigint}} REFERENCES list_entries(id),
  ground             TEXT NOT NULL,              -- error | omission | overdue-disclosure | trade-secret | privacy | listing
  reason             TEXT NOT NULL,
  applicant_name     TEXT NOT NULL,
  applicant_contact  TEXT NOT NULL,
  channel            TEXT NOT NULL,              -- online | paper
  filed_by           TEXT NOT NULL,              -- subject:REF or the staff account that entered a paper application
  received_by        TEXT NOT NULL,              -- the receiving unit: a unit code, or agency
  competent_unit     TEXT NOT NULL,
  status             TEXT NOT NULL,              -- open | referred | upheld | rejected
  received_at        {{ts}} NOT NULL,
  received_on        {{date}} NOT NULL,          -- the Beijing date the periods run from
  decided_at         {{ts}},
  decided_by         TEXT,
  decision_action    TEXT,                       -- correct | withhold | end-listing
  decision_reasons   TEXT,
  record_version     INTEGER                     -- the record's version after an upheld correction
);
CREATE INDEX objections_subject ON objections (subject_id, received_at);
CREATE INDEX objections_record ON objections (record_id, status);
CREATE INDEX objections_entry ON objections (list_entry_id, status);
CREATE INDEX objections_unit ON objections (competent_unit, status);
-- One open objection per record or list entry (the desk also checks it, with a clear message).
CREATE UNIQUE INDEX objections_one_open_record ON objections (record_id) WHERE status = 'open' AND record_id IS NOT NULL;
CREATE UNIQUE INDEX objections_one_open_entry ON objections (list_entry_id) WHERE status = 'open' AND list_entry_id IS NOT NULL;

-- 协助核查: another unit asked to verify; it answers within 2 working days.
CREATE TABLE objection_assistance (
  id            {{id}},
  objection_id  {{bigint}} NOT NULL REFERENCES objections(id),
  unit          TEXT NOT NULL,
  question      TEXT NOT NULL,
  requested_at  {{ts}} NOT NULL,
  requested_by  TEXT NOT NULL,
  answered_at   {{ts}},
  answered_by   TEXT,
  answer        TEXT
);
CREATE INDEX objection_assistance_objection ON objection_assistance (objection_id);
CREATE INDEX objection_assistance_unit ON objection_assistance (unit, answered_at);

-- Clock pauses: inspection, testing, quarantine, appraisal, expert review (Art. 39).
CREATE TABLE clock_pauses (
  id          {{id}},
  case_kind   TEXT NOT NULL,
  case_id     {{bigint}} NOT NULL,
  kind        TEXT NOT NULL,
  from_on     {{date}} NOT NULL,
  to_on       {{date}},
  note        TEXT,
  started_by  TEXT NOT NULL,
  started_at  {{ts}} NOT NULL,
  ended_by    TEXT,
  ended_at    {{ts}}
);
CREATE INDEX clock_pauses_case ON clock_pauses (case_kind, case_id);

-- 信用修复.
CREATE TABLE repairs (
  id                 {{id}},
  subject_id         {{bigint}} NOT NULL REFERENCES subjects(id),
  record_id          {{bigint}} NOT NULL REFERENCES records(id),
  handler_unit       TEXT NOT NULL,              -- the deciding unit (the record's provider) or agency
  status             TEXT NOT NULL,              -- submitted | accepted | not-accepted | completed | refused
  statement          TEXT NOT NULL,              -- how the subject corrected its conduct
  applicant_name     TEXT NOT NULL,
  applicant_contact  TEXT NOT NULL,
  channel            TEXT NOT NULL,              -- online | paper
  filed_by           TEXT NOT NULL,
  submitted_at       {{ts}} NOT NULL,
  submitted_on       {{date}} NOT NULL,
  accepted_at        {{ts}},
  accepted_by        TEXT,
  decided_at         {{ts}},
  decided_by         TEXT,
  decision_reasons   TEXT
);
CREATE INDEX repairs_subject ON repairs (subject_id, submitted_at);
CREATE INDEX repairs_record ON repairs (record_id, status);
CREATE INDEX repairs_unit ON repairs (handler_unit, status);
-- One pending application per record (the desk also checks it, with a clear message).
CREATE UNIQUE INDEX repairs_one_pending ON repairs (record_id) WHERE status IN ('submitted', 'accepted');

-- The evidence of correction an application carries (the item's repair rule names the kinds).
CREATE TABLE repair_evidence (
  repair_id      {{bigint}} NOT NULL REFERENCES repairs(id),
  kind           TEXT NOT NULL,
  description    TEXT NOT NULL,
  attachment_id  {{bigint}},
  PRIMARY KEY (repair_id, kind)
);

-- Files a case carries (application scans, evidence), base64 text so both stores keep them alike.
CREATE TABLE case_attachments (
  id            {{id}},
  case_kind     TEXT NOT NULL,
  case_id       {{bigint}} NOT NULL,
  file_name     TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  size_bytes    INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  content       TEXT NOT NULL,
  uploaded_at   {{ts}} NOT NULL,
  uploaded_by   TEXT NOT NULL
);
CREATE INDEX case_attachments_case ON case_attachments (case_kind, case_id);

-- Every step's deadline: one row per step that a unit must take, with the rule, its basis and the due date.
CREATE TABLE case_deadlines (
  id                   {{id}},
  case_kind            TEXT NOT NULL,
  case_id              {{bigint}} NOT NULL,
  ref_id               {{bigint}},             -- the assistance request or correction notice the step belongs to
  code                 TEXT NOT NULL,          -- the deadline rule
  name                 TEXT NOT NULL,
  unit                 TEXT NOT NULL,          -- who must act
  start_on             {{date}} NOT NULL,
  working_days         INTEGER NOT NULL,
  due_on               {{date}} NOT NULL,
  provisional          {{bool}} NOT NULL,
  basis                TEXT NOT NULL,
  status               TEXT NOT NULL,          -- open | met | late | cancelled
  done_at              {{ts}},
  overdue_reported_at  {{ts}}
);
CREATE INDEX case_deadlines_open ON case_deadlines (status, due_on);
CREATE INDEX case_deadlines_unit ON case_deadlines (unit, status, due_on);
CREATE INDEX case_deadlines_case ON case_deadlines (case_kind, case_id);

-- Every step of a case: who, when, what, why. Visible to the applicant; each also enters the audit chain.
CREATE TABLE case_steps (
  id          {{id}},
  case_kind   TEXT NOT NULL,
  case_id     {{bigint}} NOT NULL,
  at          {{ts}} NOT NULL,
  actor       TEXT NOT NULL,
  actor_name  TEXT NOT NULL,
  kind        TEXT NOT NULL,
  detail      TEXT
);
CREATE INDEX case_steps_case ON case_steps (case_kind, case_id, at);

-- Connected systems that hold a copy of every record of the items their account reads (registered by an operator).
CREATE TABLE copy_holders (
  account        TEXT PRIMARY KEY REFERENCES accounts(code),
  registered_at  {{ts}} NOT NULL,
  registered_by  TEXT NOT NULL
);

-- A correction (or the end of publication) sent to a holder of a shared copy, and its acknowledgement (Art. 39).
CREATE TABLE correction_notices (
  id               {{id}},
  record_id        {{bigint}} NOT NULL REFERENCES records(id),
  record_version   INTEGER NOT NULL,
  case_kind        TEXT NOT NULL,
  case_id          {{bigint}} NOT NULL,
  holder           TEXT NOT NULL,
  change           TEXT NOT NULL,              -- corrected | withheld
  sent_at          {{ts}} NOT NULL,
  acknowledged_at  {{ts}},
  acknowledged_by  TEXT,
  note             TEXT
);
CREATE INDEX correction_notices_holder ON correction_notices (holder, acknowledged_at);
CREATE INDEX correction_notices_case ON correction_notices (case_kind, case_id);

-- The outbox: messages to subjects, units and roles, each with its time; read in the platform (in-app), and handed
-- to every configured delivery channel.
CREATE TABLE notifications (
  id              {{id}},
  recipient_kind  TEXT NOT NULL,               -- subject | unit | role
  recipient       TEXT NOT NULL,               -- subject id, unit code, or role (authority)
  contact         TEXT,                        -- for a subject: the contact the applicant gave
  case_kind       TEXT,
  case_id         {{bigint}},
  title           TEXT NOT NULL,
  body            TEXT NOT NULL,
  created_at      {{ts}} NOT NULL,
  read_at         {{ts}}
);
CREATE INDEX notifications_recipient ON notifications (recipient_kind, recipient, created_at);

CREATE TABLE notification_deliveries (
  notification_id  {{bigint}} NOT NULL REFERENCES notifications(id),
  channel          TEXT NOT NULL,
  delivered_at     {{ts}},
  attempts         INTEGER NOT NULL,
  last_error       TEXT,
  PRIMARY KEY (notification_id, channel)
);
