-- Paper sign-in as an exception (纸质签到例外, 三（一）3; issue 13, Deliver 6; domain.md §4): the
-- institution reports an objective reason for named sessions of an approved class, the district's
-- reviewer (or the city bureau) approves or refuses, scans and photos of the paper sheets are
-- uploaded (blob store), and only then are check-ins back-filled: attendance_records rows with
-- source 'paper' and exception_id naming the row below (migration 0019). docs/architecture.md,
-- "Paper sign-in as an exception".
CREATE TABLE attendance_exceptions (
  id {{id_column}},
  class_id BIGINT NOT NULL REFERENCES classes(id),
  state TEXT NOT NULL,                 -- pending / approved / refused
  reason TEXT NOT NULL,                -- the institution's objective reason
  filed_by_user BIGINT NOT NULL,
  filed_by TEXT NOT NULL,              -- display name
  filed_at TEXT NOT NULL,
  decided_by_user BIGINT,
  decided_by TEXT,
  decided_at TEXT,
  decision_reason TEXT NOT NULL DEFAULT '',
  backfilled_at TEXT,                  -- the first back-fill (NULL: none yet)
  backfilled_count INTEGER NOT NULL DEFAULT 0,  -- paper records written under it
  version INTEGER NOT NULL DEFAULT 1   -- optimistic concurrency; a decision also takes the row lock
);
CREATE INDEX attendance_exceptions_by_class ON attendance_exceptions (class_id, id);
CREATE INDEX attendance_exceptions_by_state ON attendance_exceptions (state, id);

-- The sessions (1-based numbers of the class's sessions) an exception covers.
CREATE TABLE attendance_exception_sessions (
  exception_id BIGINT NOT NULL REFERENCES attendance_exceptions(id),
  session_seq INTEGER NOT NULL,
  PRIMARY KEY (exception_id, session_seq)
);

-- The evidence: scans and photos of the paper sheets (PDF, JPEG, PNG as sniffed), numbered 1, 2,
-- ... per exception; the blob (ports/blob_store.h) by its SHA-256.
CREATE TABLE attendance_exception_files (
  exception_id BIGINT NOT NULL REFERENCES attendance_exceptions(id),
  n INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  mime TEXT NOT NULL,
  file_name TEXT NOT NULL,
  uploaded_by_user BIGINT NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  PRIMARY KEY (exception_id, n)
);
