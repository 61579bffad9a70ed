-- One network (Art. 6 (1), 21), issue 17 item 3 and the back-fill: the child nodes by division (so that the outbox
-- capture sends a record or a list entry about a city's subject to that city, sideways from another city or decided at
-- the province), where a list entry received from the parent came from, the records enqueued by a back-fill, and the
-- moment the instance became a node (records collected before it are what a back-fill sends).

-- This node's children and the divisions they serve; rewritten at start from the node registry.
CREATE TABLE network_children (
  code      {{key}} PRIMARY KEY,
  division  {{key}} NOT NULL
);

-- A list entry received from the parent node: the parent's entry id it mirrors.
CREATE TABLE network_list_origins (
  entry_id         {{bigint}} PRIMARY KEY,
  origin           {{key}} NOT NULL,
  origin_entry_id  {{bigint}} NOT NULL
);
CREATE UNIQUE INDEX network_list_origins_origin ON network_list_origins (origin, origin_entry_id);

-- Records a back-fill put into the outbox for the parent (a second back-fill leaves them out).
CREATE TABLE network_backfilled (
  record_id  {{bigint}} PRIMARY KEY,
  version    INTEGER NOT NULL,
  at         {{ts}} NOT NULL
);

-- When the outbox capture was first installed for the node: what was collected before is not in the outbox.
CREATE TABLE network_joined (
  node       {{key}} PRIMARY KEY,
  joined_at  {{ts}} NOT NULL
);
