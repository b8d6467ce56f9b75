-- Personal data at rest and the audit trail (domain.md §8; issue "accounts, audit, personal data").
-- ID numbers and phones are stored sealed (XChaCha20-Poly1305, *_enc columns); the old id_number
-- columns keep their unique constraints but hold a keyed blind index ("bi1:<hex>") for exact
-- lookup and duplicate detection, and trainees.phone is emptied. Rows written before this
-- migration are sealed by the server at start (SqlStore::SealLegacyRows).
ALTER TABLE trainees ADD COLUMN id_number_enc TEXT;
ALTER TABLE trainees ADD COLUMN phone_enc TEXT;
ALTER TABLE teachers ADD COLUMN id_number_enc TEXT;

-- Append-only, hash-chained audit events (see domain/audit.h). seq is assigned under a lock by the
-- writer, so it has no gaps unless an event is deleted.
CREATE TABLE audit_events (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  before_digest TEXT NOT NULL,
  after_digest TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_link TEXT NOT NULL,
  link TEXT NOT NULL
);
CREATE INDEX audit_by_target ON audit_events (target);
CREATE INDEX audit_by_actor ON audit_events (actor);
