-- The 双公示 search reads pages by keyset, (decided_on, id) descending within an item: the listing index gains the id,
-- so that a deep page is one index range read.
DROP INDEX records_listing;
CREATE INDEX records_listing ON records (item, decided_on, id);
