-- A government body named in a supervision clue without its USCC is a subject keyed by its name (id_type gov-name,
-- ref G + 16 hex). When staff complete it with a USCC another subject already holds, its records and cases move to
-- that subject and the merge is kept here (《黑龙江省营商环境监督办法》第十六条; 《黑龙江省社会信用条例》第十九条).
CREATE TABLE subject_merges (
  from_subject_id {{bigint}} PRIMARY KEY,
  into_subject_id {{bigint}} NOT NULL,
  merged_at       {{ts}} NOT NULL,
  actor           TEXT NOT NULL
);
