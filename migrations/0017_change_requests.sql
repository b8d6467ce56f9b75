-- Change requests (变更申请, 三（二）3; issue 12): after approval a class's plan changes only
-- through a request a reviewer approves — a make-up class (补课: sessions added for named trainees
-- of the roster), a make-up exam (补考) or moved sessions (改期). Approval writes a new plan version
-- naming the request; every version keeps the roster it was made with, so any two compare.
CREATE TABLE change_requests (
  id {{id_column}},
  class_id BIGINT NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,                  -- makeup_class / makeup_exam / reschedule
  state TEXT NOT NULL,                 -- pending / approved / refused
  reason TEXT NOT NULL,                -- the institution's
  filed_by_user BIGINT NOT NULL,
  filed_by TEXT NOT NULL,              -- display name
  filed_at TEXT NOT NULL,
  class_version BIGINT NOT NULL,       -- the class's version it was filed against
  decided_by_user BIGINT,
  decided_by TEXT,
  decided_at TEXT,
  decision_reason TEXT NOT NULL DEFAULT '',
  plan_version INTEGER,                -- the version approval created
  version INTEGER NOT NULL DEFAULT 1   -- optimistic concurrency: a stale decision is refused (409)
);
CREATE INDEX change_requests_by_class ON change_requests (class_id, id);
CREATE INDEX change_requests_by_state ON change_requests (state, id);

-- Sessions a make-up adds, in the order given.
CREATE TABLE change_request_sessions (
  change_request_id BIGINT NOT NULL REFERENCES change_requests(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  date TEXT NOT NULL,
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL,
  hours INTEGER NOT NULL,
  kind TEXT NOT NULL,
  delivery TEXT NOT NULL,
  teacher_key TEXT,
  content TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (change_request_id, seq)
);

-- The trainees a make-up is for (people of the class's roster when filed).
CREATE TABLE change_request_trainees (
  change_request_id BIGINT NOT NULL REFERENCES change_requests(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  trainee_id BIGINT NOT NULL,
  PRIMARY KEY (change_request_id, seq)
);

-- Sessions a reschedule moves: the session's number (1-based) and its old and new time.
CREATE TABLE change_request_moves (
  change_request_id BIGINT NOT NULL REFERENCES change_requests(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  session_seq INTEGER NOT NULL,
  date TEXT NOT NULL,
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL,
  from_date TEXT NOT NULL,
  from_start_minute INTEGER NOT NULL,
  from_end_minute INTEGER NOT NULL,
  PRIMARY KEY (change_request_id, seq)
);

-- A plan version names the change request that made it (NULL: a declaration) and keeps its roster.
ALTER TABLE plan_versions ADD COLUMN change_request_id BIGINT;
CREATE TABLE plan_version_roster (
  class_id BIGINT NOT NULL,
  version INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  trainee_id BIGINT NOT NULL,
  PRIMARY KEY (class_id, version, seq),
  FOREIGN KEY (class_id, version) REFERENCES plan_versions (class_id, version) ON DELETE CASCADE
);
-- Versions kept before this migration get the class's roster as it is (a declared roster changes
-- only through a return, which keeps no older roster to restore).
INSERT INTO plan_version_roster (class_id, version, seq, trainee_id)
  SELECT pv.class_id, pv.version, r.seq, r.trainee_id
  FROM plan_versions pv JOIN class_roster r ON r.class_id = pv.class_id;
