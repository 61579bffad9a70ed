-- Objections and repairs become cases of the case engine (kinds objection and repair, data/cases/). Each objection and
-- each repair application gets a cases row (state, version, handling unit, subject, number) and its applicant as a
-- party; the objections and repairs tables stay as the kinds' detail tables (target, grounds, evidence, decision, and
-- the partial unique indexes "one open objection / one pending repair per record"), linked by case_id. From now on an
-- objection's or repair's id, in the API and on pages, is its case id; the generic tables keyed by (kind, case id)
-- (case_deadlines, case_steps, clock_pauses, case_attachments, case_extensions, notifications, correction_notices)
-- are re-keyed from the old row ids to the case ids. Entries already in the audit chain keep the ids they were
-- written with (the chain is never rewritten); objection_assistance and repair_evidence keep pointing at the detail rows.
ALTER TABLE objections ADD COLUMN case_id {{bigint}} REFERENCES cases(id);
ALTER TABLE repairs ADD COLUMN case_id {{bigint}} REFERENCES cases(id);

INSERT INTO cases (kind, number, state, subject_id, unit, data, opened_at, opened_by, closed_at, version)
SELECT 'objection', 'migrating-objection-' || CAST(o.id AS TEXT), o.status, o.subject_id,
       CASE WHEN o.status = 'referred' THEN o.received_by ELSE o.competent_unit END, '{}', o.received_at, o.filed_by,
       CASE WHEN o.status = 'referred' THEN o.received_at ELSE o.decided_at END, 1
FROM objections o ORDER BY o.id;
UPDATE objections SET case_id = (SELECT c.id FROM cases c WHERE c.number = 'migrating-objection-' || CAST(objections.id AS TEXT));

INSERT INTO cases (kind, number, state, subject_id, unit, data, opened_at, opened_by, closed_at, version)
SELECT 'repair', 'migrating-repair-' || CAST(r.id AS TEXT), r.status, r.subject_id, r.handler_unit, '{}', r.submitted_at, r.filed_by,
       CASE WHEN r.status IN ('completed', 'refused') THEN r.decided_at WHEN r.status = 'not-accepted' THEN r.accepted_at ELSE NULL END, 1
FROM repairs r ORDER BY r.id;
UPDATE repairs SET case_id = (SELECT c.id FROM cases c WHERE c.number = 'migrating-repair-' || CAST(repairs.id AS TEXT));

-- Numbers as the engine gives them: the kind's prefix, the year received and the case id in six digits (YY2026000042).
UPDATE cases SET number = 'YY' || (SELECT SUBSTR(CAST(o.received_on AS TEXT), 1, 4) FROM objections o WHERE o.case_id = cases.id)
  || CASE WHEN LENGTH(CAST(id AS TEXT)) >= 6 THEN CAST(id AS TEXT) ELSE SUBSTR('00000' || CAST(id AS TEXT), LENGTH(CAST(id AS TEXT))) END
WHERE kind = 'objection' AND number LIKE 'migrating-%';
UPDATE cases SET number = 'XF' || (SELECT SUBSTR(CAST(r.submitted_on AS TEXT), 1, 4) FROM repairs r WHERE r.case_id = cases.id)
  || CASE WHEN LENGTH(CAST(id AS TEXT)) >= 6 THEN CAST(id AS TEXT) ELSE SUBSTR('00000' || CAST(id AS TEXT), LENGTH(CAST(id AS TEXT))) END
WHERE kind = 'repair' AND number LIKE 'migrating-%';

INSERT INTO case_parties (case_id, role, account, subject_id, name, contact)
SELECT o.case_id, 'applicant', NULL, o.subject_id, o.applicant_name, o.applicant_contact FROM objections o ORDER BY o.id;
INSERT INTO case_parties (case_id, role, account, subject_id, name, contact)
SELECT r.case_id, 'applicant', NULL, r.subject_id, r.applicant_name, r.applicant_contact FROM repairs r ORDER BY r.id;

UPDATE case_deadlines SET case_id = (SELECT o.case_id FROM objections o WHERE o.id = case_deadlines.case_id)
WHERE case_kind = 'objection' AND EXISTS (SELECT 1 FROM objections o WHERE o.id = case_deadlines.case_id);
UPDATE case_steps SET case_id = (SELECT o.case_id FROM objections o WHERE o.id = case_steps.case_id)
WHERE case_kind = 'objection' AND EXISTS (SELECT 1 FROM objections o WHERE o.id = case_steps.case_id);
UPDATE clock_pauses SET case_id = (SELECT o.case_id FROM objections o WHERE o.id = clock_pauses.case_id)
WHERE case_kind = 'objection' AND EXISTS (SELECT 1 FROM objections o WHERE o.id = clock_pauses.case_id);
UPDATE case_attachments SET case_id = (SELECT o.case_id FROM objections o WHERE o.id = case_attachments.case_id)
WHERE case_kind = 'objection' AND EXISTS (SELECT 1 FROM objections o WHERE o.id = case_attachments.case_id);
UPDATE case_extensions SET case_id = (SELECT o.case_id FROM objections o WHERE o.id = case_extensions.case_id)
WHERE case_kind = 'objection' AND EXISTS (SELECT 1 FROM objections o WHERE o.id = case_extensions.case_id);
UPDATE notifications SET case_id = (SELECT o.case_id FROM objections o WHERE o.id = notifications.case_id)
WHERE case_kind = 'objection' AND EXISTS (SELECT 1 FROM objections o WHERE o.id = notifications.case_id);
UPDATE correction_notices SET case_id = (SELECT o.case_id FROM objections o WHERE o.id = correction_notices.case_id)
WHERE case_kind = 'objection' AND EXISTS (SELECT 1 FROM objections o WHERE o.id = correction_notices.case_id);

UPDATE case_deadlines SET case_id = (SELECT r.case_id FROM repairs r WHERE r.id = case_deadlines.case_id)
WHERE case_kind = 'repair' AND EXISTS (SELECT 1 FROM repairs r WHERE r.id = case_deadlines.case_id);
UPDATE case_steps SET case_id = (SELECT r.case_id FROM repairs r WHERE r.id = case_steps.case_id)
WHERE case_kind = 'repair' AND EXISTS (SELECT 1 FROM repairs r WHERE r.id = case_steps.case_id);
UPDATE clock_pauses SET case_id = (SELECT r.case_id FROM repairs r WHERE r.id = clock_pauses.case_id)
WHERE case_kind = 'repair' AND EXISTS (SELECT 1 FROM repairs r WHERE r.id = clock_pauses.case_id);
UPDATE case_attachments SET case_id = (SELECT r.case_id FROM repairs r WHERE r.id = case_attachments.case_id)
WHERE case_kind = 'repair' AND EXISTS (SELECT 1 FROM repairs r WHERE r.id = case_attachments.case_id);
UPDATE case_extensions SET case_id = (SELECT r.case_id FROM repairs r WHERE r.id = case_extensions.case_id)
WHERE case_kind = 'repair' AND EXISTS (SELECT 1 FROM repairs r WHERE r.id = case_extensions.case_id);
UPDATE notifications SET case_id = (SELECT r.case_id FROM repairs r WHERE r.id = notifications.case_id)
WHERE case_kind = 'repair' AND EXISTS (SELECT 1 FROM repairs r WHERE r.id = notifications.case_id);
UPDATE correction_notices SET case_id = (SELECT r.case_id FROM repairs r WHERE r.id = correction_notices.case_id)
WHERE case_kind = 'repair' AND EXISTS (SELECT 1 FROM repairs r WHERE r.id = correction_notices.case_id);

CREATE UNIQUE INDEX objections_case ON objections (case_id);
CREATE UNIQUE INDEX repairs_case ON repairs (case_id);
