-- Comprehensive credit evaluation (Art. 47): each subject's current grade with the model version it was computed
-- under and its explanation (each indicator's points, rule, records and list entries, as JSON).
CREATE TABLE subject_grades (
  subject_id   {{bigint}} PRIMARY KEY REFERENCES subjects(id),
  grade        TEXT NOT NULL,              -- A | B | C | D
  score        TEXT NOT NULL,              -- decimal, invariant culture
  model        TEXT NOT NULL,              -- the model version
  explanation  TEXT NOT NULL,              -- JSON array of indicators
  graded_at    {{ts}} NOT NULL
);
CREATE INDEX subject_grades_model ON subject_grades (model, grade);

-- 双随机 inspection draws (Art. 48): the published document (format xinyong-draw/1) of each plan, committed first
-- (plan, rosters, hashes, the moment the seed will be taken), then drawn (seed from a public value, result).
CREATE TABLE inspection_draws (
  code          {{key}} PRIMARY KEY,
  department    TEXT NOT NULL,              -- the department that published the plan
  status        TEXT NOT NULL,              -- committed | drawn
  document      TEXT NOT NULL,              -- the published JSON
  published_at  {{ts}} NOT NULL,
  seed_at       {{ts}} NOT NULL,
  drawn_at      {{ts}}
);

-- 一公开: the result of each drawn inspection, published on entry (items, outcome, any penalty decision).
CREATE TABLE inspection_results (
  plan_code         {{key}} NOT NULL REFERENCES inspection_draws(code),
  target            {{key}} NOT NULL,
  department        TEXT NOT NULL,          -- who entered it
  inspected_on      {{date}} NOT NULL,
  outcome           TEXT NOT NULL,          -- compliant | issues-corrected | penalized | not-found
  summary           TEXT NOT NULL,
  items             TEXT NOT NULL,          -- JSON [{code, result}]
  penalty_decision  TEXT,                   -- the penalty decision number, when there is one
  entered_at        {{ts}} NOT NULL,
  PRIMARY KEY (plan_code, target)
);
