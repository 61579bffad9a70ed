-- The national Credit Repair Measures (in force 2026-04-01): the tier of each negative record (minor, general, serious),
-- the published rule that assigned it (data/disclosure/, kept as version:item/rule), and whether the record is
-- published: published, not-published (minor information without a sector rule), held (an emergency declaration holds
-- it for the deciding unit's confirmation). A repair carries the applicant's public credit commitment.
ALTER TABLE records ADD COLUMN severity TEXT;
ALTER TABLE records ADD COLUMN tier_rule TEXT;
ALTER TABLE records ADD COLUMN publication TEXT NOT NULL DEFAULT 'published';
ALTER TABLE repairs ADD COLUMN commitment TEXT;
