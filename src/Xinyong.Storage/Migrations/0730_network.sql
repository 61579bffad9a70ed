-- One network (Art. 6 (1), 21): the outbox of record changes to forward to the parent node (peer '^') and of state
-- changes to send down to the child node a record came from (peer = that node's code), the receipts of messages from
-- peers (idempotent: a message is applied once), where each received record came from, the nonces seen (replay refused),
-- each peer's last success, and the forwards that missed their deadline. The triggers that fill the outbox are installed
-- by the network feature when the instance is configured as a node (Storage/Network/NetworkSchema), so that a
-- stand-alone instance pays nothing for it.

CREATE TABLE network_outbox (
  id              {{id}},
  peer            {{key}} NOT NULL,            -- '^' = the parent; else the code of the child node the record came from
  record_id       {{bigint}} NOT NULL,
  item            {{key}} NOT NULL,
  subject_id      {{bigint}} NOT NULL,
  doc_key         {{key}} NOT NULL,
  version         INTEGER NOT NULL,
  status          TEXT NOT NULL,
  serious         {{bool}} NOT NULL,
  decided_on      {{date}},
  public_until    {{date}},
  repair_from     {{date}},
  withheld        {{bool}} NOT NULL,
  under_objection {{bool}} NOT NULL,
  region          TEXT,
  authority       TEXT,
  fields          TEXT NOT NULL,
  content_hash    TEXT NOT NULL,
  provider        TEXT NOT NULL,
  channel         TEXT NOT NULL,
  batch_id        {{bigint}},
  received_at     {{ts}} NOT NULL,
  changed_at      {{ts}} NOT NULL             -- the change's moment: its forwarding deadline counts from here
);
CREATE INDEX network_outbox_peer ON network_outbox (peer, id);

-- Messages received from peers: one row per message, keyed by the sending node and its sequence number, with the
-- record key and version it carried. A message sent again (its answer was lost) is recognised here and not applied twice.
CREATE TABLE network_received (
  origin       {{key}} NOT NULL,
  seq          {{bigint}} NOT NULL,
  item         {{key}} NOT NULL,
  subject_key  {{key}} NOT NULL,
  doc_key      {{key}} NOT NULL,
  version      INTEGER NOT NULL,
  received_at  {{ts}} NOT NULL,
  PRIMARY KEY (origin, seq)
);

-- Where a record received from a child node came from (provenance beyond the provider: the node and its record).
CREATE TABLE network_origins (
  record_id         {{bigint}} PRIMARY KEY,
  origin            {{key}} NOT NULL,
  origin_record_id  {{bigint}} NOT NULL,
  origin_channel    TEXT NOT NULL,
  origin_batch_id   {{bigint}}
);
CREATE INDEX network_origins_origin ON network_origins (origin);

-- Nonces of accepted messages inside the time window: a message replayed is refused.
CREATE TABLE network_nonces (
  node   {{key}} NOT NULL,
  nonce  {{key}} NOT NULL,
  at     {{ts}} NOT NULL,
  PRIMARY KEY (node, nonce)
);

-- Each peer as this node sees it: forwarding successes and failures, messages sent and received.
CREATE TABLE network_peers (
  peer             {{key}} PRIMARY KEY,
  last_success_at  {{ts}},
  last_failure_at  {{ts}},
  last_error       TEXT,
  sent             {{bigint}} NOT NULL DEFAULT 0,
  received         {{bigint}} NOT NULL DEFAULT 0,
  resent           {{bigint}} NOT NULL DEFAULT 0   -- messages received again and not applied (their first answer was lost)
);

-- Forwards to the parent that arrived after their deadline (3 working days from the change, Art. 21).
CREATE TABLE network_late (
  record_id     {{bigint}} NOT NULL,
  version       INTEGER NOT NULL,
  provider      TEXT NOT NULL,
  changed_at    {{ts}} NOT NULL,
  due_on        {{date}} NOT NULL,
  forwarded_at  {{ts}} NOT NULL
);
CREATE INDEX network_late_provider ON network_late (provider);
