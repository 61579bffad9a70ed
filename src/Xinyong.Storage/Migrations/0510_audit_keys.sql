-- The audit chain is authenticated with a key kept outside the database: each entry names the key (key_id) whose
-- HMAC-SHA256 its hash is. Entries written before this migration keep key_id NULL and their plain SHA-256 hash; the
-- first keyed entry links to the last of them.
ALTER TABLE audit_log ADD COLUMN key_id TEXT;
