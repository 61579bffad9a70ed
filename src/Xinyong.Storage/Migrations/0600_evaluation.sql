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
