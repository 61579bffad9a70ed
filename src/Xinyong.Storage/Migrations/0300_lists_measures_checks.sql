-- Lists, measures and checks (Art. 25-34, 43-44): what the shared list core (0002) does not hold.

-- The written reason of an early end (lifting by the deciding unit, removal by the court).
ALTER TABLE list_entries ADD COLUMN end_note TEXT;
-- Public list pages: entries of a list in force, newest decision first.
CREATE INDEX list_entries_public ON list_entries (list, status, decided_at);

-- The records a decision rests on (Art. 28: the supporting records). list_entries.record_id holds the first.
CREATE TABLE list_entry_records (
  entry_id   {{bigint}} NOT NULL REFERENCES list_entries(id),
  record_id  {{bigint}} NOT NULL REFERENCES records(id),
  PRIMARY KEY (entry_id, record_id)
);
CREATE INDEX list_entry_records_record ON list_entry_records (record_id);

-- Art. 33: a person's entry that derives from the listing of a market entity; it ends when the entity's entry ends.
CREATE TABLE list_entry_links (
  entry_id   {{bigint}} PRIMARY KEY REFERENCES list_entries(id),
  parent_id  {{bigint}} NOT NULL REFERENCES list_entries(id),
  role       TEXT NOT NULL                 -- legal-representative | principal | actual-controller | responsible-person
);
CREATE INDEX list_entry_links_parent ON list_entry_links (parent_id);

-- Art. 32 (2): the notifications a deciding unit owes when it lists a state organ, a state-owned unit or their staff.
CREATE TABLE list_notifications (
  id              {{id}},
  entry_id        {{bigint}} NOT NULL REFERENCES list_entries(id),
  recipient       TEXT NOT NULL,           -- superior | audit | employer | discipline | personnel
  recipient_name  TEXT NOT NULL,           -- as the rule names it: 上一级人民政府或者主管部门 …
  basis           TEXT NOT NULL,
  owed_since      {{ts}} NOT NULL,
  sent_on         {{date}},                -- NULL while owed
  addressee       TEXT,                    -- the unit actually notified
  reference       TEXT,                    -- the notice's document number
  recorded_by     TEXT,
  recorded_at     {{ts}}
);
CREATE INDEX list_notifications_entry ON list_notifications (entry_id);

-- Art. 30 (2): a minor, occasional act, corrected in time and without harm, carries no constraint or punishment.
CREATE TABLE measure_exemptions (
  record_id   {{bigint}} PRIMARY KEY REFERENCES records(id),
  conditions  TEXT NOT NULL,               -- the conditions affirmed, codes joined by ','
  reasons     TEXT NOT NULL,
  decided_by  TEXT NOT NULL,
  decided_at  {{ts}} NOT NULL
);

-- The court hook finds the records a batch stored (IBatchLoadedHandler) without scanning the records.
CREATE INDEX records_batch ON records (batch_id);

-- Art. 43-44: every check a department made, with the answer it got (《黑龙江省“十四五”社会信用体系建设规划》三（二）: 奖惩结果反馈).
CREATE TABLE checks (
  id           TEXT PRIMARY KEY,           -- the checkId (time-ordered)
  at           {{ts}} NOT NULL,
  department   TEXT NOT NULL,
  subject_id   {{bigint}},                 -- NULL: the platform holds nothing on the subject
  subject_ref  TEXT NOT NULL,
  scenario     TEXT NOT NULL,
  version      TEXT NOT NULL,              -- the measures version applied
  measures     TEXT NOT NULL               -- the answer: JSON array of {code, kind, until, triggeredBy}
);

-- What the department applied and the outcome.
CREATE TABLE check_feedback (
  check_id    TEXT PRIMARY KEY REFERENCES checks(id),
  at          {{ts}} NOT NULL,
  department  TEXT NOT NULL,
  applied     TEXT NOT NULL,               -- JSON array of the measure codes applied
  outcome     TEXT NOT NULL,
  reference   TEXT                         -- the department's own case or project number
);

-- Counts per day, department and scenario (《黑龙江省“十四五”社会信用体系建设规划》一 reports the number of checks).
CREATE TABLE check_counts (
  day            {{date}} NOT NULL,
  department     TEXT NOT NULL,
  scenario       TEXT NOT NULL,
  checks         {{bigint}} NOT NULL,
  with_measures  {{bigint}} NOT NULL,
  feedback       {{bigint}} NOT NULL,
  PRIMARY KEY (day, department, scenario)
);
