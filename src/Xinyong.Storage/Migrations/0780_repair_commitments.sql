-- The applicant's public credit commitment given with a credit repair (national Credit Repair Measures) is published
-- under 信用承诺公示 as a commitment case (kind commitment, type credit-repair); the application names that case.
ALTER TABLE repairs ADD COLUMN commitment_id {{bigint}};
CREATE INDEX repairs_commitment ON repairs (commitment_id);
