-- Sign-in defence and accounts (issue 9, findings 2 and 6).
-- anpei-check: SELECT username FROM users WHERE lower(username) IN (SELECT lower(username) FROM users GROUP BY lower(username) HAVING COUNT(*) > 1) ORDER BY lower(username), id
-- anpei-check-message: 用户名须不区分大小写唯一，以下账号仅大小写不同，请先改名其一（UPDATE users SET username = … WHERE id = …）后再迁移
CREATE UNIQUE INDEX users_username_ci ON users (lower(username));

-- Set by an administrator's reset: the user's sessions may only change the password.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;

-- The idle timeout: when the session was last used (Unix seconds, written at most once a minute).
ALTER TABLE sessions ADD COLUMN last_seen_unix BIGINT NOT NULL DEFAULT 0;

-- Tokens are listed and revoked by a public id: the first 16 hex digits of the token's hash.
ALTER TABLE api_tokens ADD COLUMN public_id TEXT;
UPDATE api_tokens SET public_id = substr(token_hash, 1, 16);
CREATE UNIQUE INDEX api_tokens_by_public_id ON api_tokens (public_id);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

-- Sign-in throttling (domain/sign_in_throttle.h): one row per name@address, address and name.
CREATE TABLE sign_in_throttle (
  throttle_key TEXT PRIMARY KEY,
  attempts INTEGER NOT NULL DEFAULT 0,
  window_start BIGINT NOT NULL,
  strikes INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  last_at BIGINT NOT NULL
);
CREATE INDEX sign_in_throttle_by_last_at ON sign_in_throttle (last_at);
