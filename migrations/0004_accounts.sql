-- Accounts, sessions and machine tokens (domain.md §1; issue "accounts, audit, personal data").
-- Passwords are Argon2id hashes (libsodium crypto_pwhash_str); session and API tokens are stored
-- only as keyed hashes, so a copy of the database signs nobody in.
CREATE TABLE users (
  id {{id_column}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  institution_id BIGINT REFERENCES institutions(id),  -- for the institution role
  district_code TEXT REFERENCES districts(code),      -- for the police_reviewer role
  disabled_at TEXT,
  failed_logins INTEGER NOT NULL DEFAULT 0,           -- consecutive, reset by a good sign-in
  locked_until TEXT,                                  -- sign-in refused until then
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);

-- Stored in the database so that several server instances share them.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
