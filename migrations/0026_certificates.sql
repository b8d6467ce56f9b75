-- Certificates (issue 15, Deliver 2; domain.md §3, 三（一）4): one per approved eligible trainee
-- of a class, numbered per policy, signed (Ed25519) over its canonical material fields, with a
-- random public code for /verify/{code} and a position in the public revocation status list.
-- docs/architecture.md, "Certificates".

-- The number series of a policy: QZAB-2026-000001 = prefix, issue year, next_no (6 digits at
-- least). The sequence runs on across years, so a number is never given twice.
CREATE TABLE certificate_series (
  policy_id TEXT PRIMARY KEY,
  prefix TEXT NOT NULL,
  next_no BIGINT NOT NULL
);

-- fields_json: the canonical material fields exactly as signed (domain/certificate.h);
-- signature: base64url Ed25519 over those bytes; key_id: the signing key (certificate_keys).
-- code: 16 characters of Crockford base32 (80 random bits), no personal data.
CREATE TABLE certificates (
  id {{id_column}},
  number TEXT NOT NULL UNIQUE,
  policy_id TEXT NOT NULL,
  class_id BIGINT NOT NULL REFERENCES classes(id),
  person_id BIGINT NOT NULL REFERENCES trainees(id),
  code TEXT NOT NULL UNIQUE,
  fields_json TEXT NOT NULL,
  signature TEXT NOT NULL,
  key_id TEXT NOT NULL,
  status_index BIGINT NOT NULL UNIQUE,
  issued_at TEXT NOT NULL,
  issued_by_user BIGINT NOT NULL,
  revoked_at TEXT,
  revoked_reason TEXT NOT NULL DEFAULT '',
  revoked_by_user BIGINT,
  UNIQUE (class_id, person_id)
);
CREATE INDEX certificates_by_person ON certificates (person_id, id);

-- Every public key certificates were ever signed with (key_id = first 8 bytes of SHA-256 of the
-- key, hex), so a certificate signed before a master-key rotation still verifies.
CREATE TABLE certificate_keys (
  key_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  first_used_at TEXT NOT NULL
);
