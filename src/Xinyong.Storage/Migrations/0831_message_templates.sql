-- Shared texts of messages (issue 19): a message many records get alike (the 两书同达 notice of a collected penalty is
-- about 1 KB, most of it the same for every record of an item, rule and window shape) is stored as one template with
-- numbered holes and, per message, only the values of its holes. Content-addressed: the same text is stored once
-- (hash = SHA-256 of its UTF-8, lowercase hex) and a template is never changed or deleted once written: a message is a
-- record of what its reader was told.
CREATE TABLE message_templates (
  id          {{id}},
  hash        TEXT NOT NULL UNIQUE,
  text        TEXT NOT NULL,
  created_at  {{ts}} NOT NULL
);
-- NULL: the body is the whole text (every message written before, and every message that is not one of many alike).
-- Set: the body holds only the values of the template's holes, joined by U+001F (see Outbox). No foreign key: the
-- outbox writes a template in the transaction of its first message and checks it before using it in another, and a
-- per-row foreign-key check would cost every bulk-loaded notice on PostgreSQL.
ALTER TABLE notifications ADD COLUMN template_id {{bigint}};
