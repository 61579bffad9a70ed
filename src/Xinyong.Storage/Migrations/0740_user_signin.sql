-- Sign-in of people who act for an account (staff, provider units, departments, institutions): a password (hashed by
-- the framework's password hasher) and a TOTP second factor (RFC 6238). An operator issues a one-time enrolment code
-- (`xinyong user enrol`); the user sets the password and enrols the authenticator on /signin/enrol. Bearer tokens stay
-- for systems. 《黑龙江省社会信用条例》第四十八条 (security of the platform).
CREATE TABLE account_signins (
  account          TEXT PRIMARY KEY REFERENCES accounts(code),
  password_hash    TEXT,
  totp_secret      TEXT,            -- base32, set once the first code was confirmed
  totp_pending     TEXT,            -- base32, shown during enrolment until confirmed
  pending_password TEXT,            -- the password set with it, effective once the first code is confirmed
  totp_last_step   {{bigint}},      -- the last time step accepted (a code works once)
  enrol_hash       TEXT,            -- SHA-256 of the outstanding enrolment code
  enrol_expires    {{ts}},
  enrol_by         TEXT,
  enrolled_at      {{ts}},
  last_signin      {{ts}}
);

-- Subjects' self-registration (Art. 24 self-query): a verification code sent to a phone or mail address, then a password.
CREATE TABLE subject_registrations (
  id            {{id}},
  subject_id    {{bigint}} NOT NULL REFERENCES subjects(id),
  channel       TEXT NOT NULL,      -- phone or mail
  address       TEXT NOT NULL,
  code_hash     TEXT NOT NULL,
  expires_at    {{ts}} NOT NULL,
  attempts      INTEGER NOT NULL,
  created_at    {{ts}} NOT NULL,
  verified_at   {{ts}}
);
CREATE INDEX subject_registrations_subject ON subject_registrations (subject_id, created_at);

-- The verified contact channels of a subject (the one it registered with).
CREATE TABLE subject_channels (
  subject_id   {{bigint}} NOT NULL REFERENCES subjects(id),
  channel      TEXT NOT NULL,
  address      TEXT NOT NULL,
  verified_at  {{ts}} NOT NULL,
  PRIMARY KEY (subject_id, channel)
);
