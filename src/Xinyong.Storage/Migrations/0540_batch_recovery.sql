-- A batch in progress names the process loading it and when that process last showed it was alive, so that a batch left
-- in progress by a crash can be told from one still loading and be sent again; the same batch id then lands exactly once.
ALTER TABLE batches ADD COLUMN owner TEXT;
ALTER TABLE batches ADD COLUMN heartbeat_at {{ts}};
-- For an attempt that failed or was abandoned: the provider's batch id it was sent with (its batch_key is then freed,
-- and the rows it loaded are taken over by the next attempt with that id).
ALTER TABLE batches ADD COLUMN sent_key {{key}};
CREATE INDEX batches_sent_key ON batches (provider, sent_key);
