-- Subjects' own sign-in for the self-query (Art. 24): a password set by staff, or a one-time code, both stored hashed.
CREATE TABLE subject_accounts (
  subject_id        {{bigint}} PRIMARY KEY REFERENCES subjects(id),
  password_hash     TEXT,
  one_time_hash     TEXT,
  one_time_expires  {{ts}},
  set_by            TEXT NOT NULL,
  set_at            {{ts}} NOT NULL,
  last_signin       {{ts}}
);
