-- Bankruptcy reorganisation or settlement (国办发〔2025〕22号; national Credit Repair Measures): a court ruling approving a
-- reorganisation plan or settlement agreement, recorded by the credit agency as a case (kind reorganisation). While the
-- plan is in force the subject's constraint and punishment measures based on dishonesty decided on or before the ruling
-- are suspended (checks say so); completed: that dishonesty is repaired and the measures end; failed: they apply again.
CREATE TABLE reorganisations (
  id           {{bigint}} PRIMARY KEY REFERENCES cases(id),
  subject_id   {{bigint}} NOT NULL REFERENCES subjects(id),
  kind         TEXT NOT NULL,        -- plan (重整计划) | settlement (和解协议)
  court        TEXT NOT NULL,
  ruling_no    TEXT NOT NULL,
  ruling_date  {{date}} NOT NULL,
  plan_from    {{date}} NOT NULL,
  plan_to      {{date}} NOT NULL,
  status       TEXT NOT NULL,        -- in-force | completed | failed
  ended_on     {{date}},
  created_at   {{ts}} NOT NULL
);
CREATE INDEX reorganisations_subject ON reorganisations (subject_id, status);
