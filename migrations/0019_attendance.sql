-- Attendance (考勤, 三（一）3, 三（二）2; issue 13): check-in and check-out records of trainees at
-- class sessions, the trainees' phones (one bound phone per person, with its history), trainee
-- sessions on those phones, and the refusals (for the fraud signals). docs/architecture.md,
-- "Attendance".

-- One record per (class, session, person, direction). Phone records carry the client's key for
-- idempotent retries and the signals (device, address, location); paper records (back-filled
-- under an approved exception) carry the exception and the user who entered them.
-- at: Unix seconds (UTC) of the check; session_seq: 1-based number of the class's session.
CREATE TABLE attendance_records (
  id {{id_column}},
  class_id BIGINT NOT NULL REFERENCES classes(id),
  session_seq INTEGER NOT NULL,
  person_id BIGINT NOT NULL,
  direction TEXT NOT NULL,             -- in / out
  at BIGINT NOT NULL,
  source TEXT NOT NULL,                -- phone / paper
  idempotency_key TEXT,                -- NULL for paper
  device_id TEXT,
  client_addr TEXT,
  user_agent TEXT,
  lat DOUBLE PRECISION,
  lng DOUBLE PRECISION,
  accuracy_m DOUBLE PRECISION,
  distance_m DOUBLE PRECISION,
  selfie_id BIGINT,
  exception_id BIGINT,
  recorded_by_user BIGINT,             -- NULL for phone
  created_at TEXT NOT NULL,
  UNIQUE (class_id, session_seq, person_id, direction),
  UNIQUE (person_id, idempotency_key)
);
CREATE INDEX attendance_records_by_person ON attendance_records (person_id, at);

-- The phone a person is bound to (first identification binds it; the institution unbinds).
CREATE TABLE trainee_devices (
  person_id BIGINT PRIMARY KEY,
  device_id TEXT NOT NULL UNIQUE,
  bound_at TEXT NOT NULL
);
CREATE TABLE trainee_device_history (
  id {{id_column}},
  person_id BIGINT NOT NULL,
  device_id TEXT NOT NULL,
  bound_at TEXT NOT NULL,
  unbound_at TEXT,
  unbound_by_user BIGINT,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX trainee_device_history_by_person ON trainee_device_history (person_id, id);
CREATE INDEX trainee_device_history_by_device ON trainee_device_history (device_id, id);

-- A trainee's session on the bound phone (cookie anpei_trainee); the token is stored hashed.
-- class_id: the class the person identified for (the QR code's).
CREATE TABLE trainee_sessions (
  token_hash TEXT PRIMARY KEY,
  person_id BIGINT NOT NULL,
  class_id BIGINT NOT NULL,
  device_id TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX trainee_sessions_by_person ON trainee_sessions (person_id);

-- Every refused check-in or check-out after the token's MAC was good (signals read them).
-- at: Unix seconds.
CREATE TABLE attendance_refusals (
  id {{id_column}},
  person_id BIGINT NOT NULL,
  class_id BIGINT NOT NULL,
  session_seq INTEGER NOT NULL,
  reason TEXT NOT NULL,
  device_id TEXT,
  lat DOUBLE PRECISION,
  lng DOUBLE PRECISION,
  accuracy_m DOUBLE PRECISION,
  client_addr TEXT,
  at BIGINT NOT NULL
);
CREATE INDEX attendance_refusals_by_class ON attendance_refusals (class_id, session_seq, id);
CREATE INDEX attendance_refusals_by_person ON attendance_refusals (person_id, at);
