-- Shared by several features: the objection mark on records (Art. 39), the unit a staff account works for,
-- and the credit lists (守信激励名单 / 严重失信主体名单, Art. 25-28) that checks, repairs and objections act on.

ALTER TABLE records ADD COLUMN under_objection {{bool}} NOT NULL DEFAULT FALSE;

ALTER TABLE accounts ADD COLUMN unit TEXT;   -- for staff: the provider or department code of their unit

CREATE TABLE list_entries (
  id                  {{id}},
  list                TEXT NOT NULL,          -- dishonesty | incentive
  subject_id          {{bigint}} NOT NULL REFERENCES subjects(id),
  status              TEXT NOT NULL,          -- active | ended
  deciding_unit       TEXT NOT NULL,          -- the unit that decided (Art. 28: written decision)
  decision_no         TEXT NOT NULL,          -- the written decision's number
  grounds             TEXT NOT NULL,          -- for dishonesty: the Art. 29 ground; for incentive: the published criterion
  reasons             TEXT NOT NULL,
  basis               TEXT NOT NULL,          -- legal basis
  record_id           {{bigint}},             -- the supporting record, when there is one
  starts_on           {{date}} NOT NULL,
  ends_on             {{date}},               -- the end of the period; NULL = until removed
  removal_conditions  TEXT,
  remedy              TEXT,                   -- objection, administrative review, litigation
  published           {{bool}} NOT NULL DEFAULT TRUE,   -- incentive: the subject may decline publication (Art. 37)
  under_objection     {{bool}} NOT NULL DEFAULT FALSE,
  decided_at          {{ts}} NOT NULL,
  decided_by          TEXT NOT NULL,
  ended_at            {{ts}},
  end_reason          TEXT                    -- expired | repaired | objection-upheld | lifted | court-removed
);
CREATE INDEX list_entries_subject ON list_entries (subject_id, status);
CREATE INDEX list_entries_record ON list_entries (record_id);
CREATE INDEX list_entries_active ON list_entries (list, status, ends_on);
