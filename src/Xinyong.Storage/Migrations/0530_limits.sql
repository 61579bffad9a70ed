-- Sign-in throttling (data/security/signin.yaml): failed sign-ins per key (subject:REF, code:HASH for an unknown code,
-- account:CODE, address:IP) and the locks they cause; staff may lift a lock. Locks and lifts enter the audit chain.
CREATE TABLE signin_failures (
  id        {{id}},
  lock_key  {{key}} NOT NULL,
  at        {{ts}} NOT NULL
);
CREATE INDEX signin_failures_key ON signin_failures (lock_key, at);
CREATE INDEX signin_failures_at ON signin_failures (at);

CREATE TABLE signin_locks (
  id            {{id}},
  lock_key      {{key}} NOT NULL,
  locked_at     {{ts}} NOT NULL,
  locked_until  {{ts}} NOT NULL,
  failures      INTEGER NOT NULL,
  lifted_at     {{ts}},
  lifted_by     TEXT
);
CREATE INDEX signin_locks_key ON signin_locks (lock_key, locked_until);

-- Failed sign-ins since the outstanding one-time code was issued: the code is void after oneTimeCode.maxAttempts.
ALTER TABLE subject_accounts ADD COLUMN one_time_failures INTEGER NOT NULL DEFAULT 0;

-- The open-data feed pages by (changed_at, id).
CREATE INDEX records_changed_id ON records (changed_at, id);
