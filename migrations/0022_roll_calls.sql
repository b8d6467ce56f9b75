-- Random roll calls (随机点名; issue 13, "What a user gets" and Deliver 4): during a class session
-- the teacher's screen draws a few trainees among those checked in and not out; each confirms on
-- the bound phone within attendance.roll_call_seconds. A drawn trainee who does not answer in time
-- is flagged (roll_call_missed). docs/architecture.md, "Attendance signals".
-- drawn_at, deadline, answered_at: Unix seconds (UTC); deadline is the last second accepted.
CREATE TABLE roll_calls (
  id {{id_column}},
  class_id BIGINT NOT NULL REFERENCES classes(id),
  session_seq INTEGER NOT NULL,
  requested INTEGER NOT NULL,         -- the count asked for
  drawn_at BIGINT NOT NULL,
  deadline BIGINT NOT NULL,
  drawn_by BIGINT NOT NULL,           -- users.id
  drawn_by_name TEXT NOT NULL
);
CREATE INDEX roll_calls_by_class ON roll_calls (class_id, id);

-- The drawn trainees, with their answer once given: when, from which phone, where (the signals
-- read these like a check-in's).
CREATE TABLE roll_call_persons (
  roll_call_id BIGINT NOT NULL REFERENCES roll_calls(id),
  person_id BIGINT NOT NULL,
  draw_order INTEGER NOT NULL,        -- 1, 2, ... in draw order
  answered_at BIGINT,
  device_id TEXT,
  lat DOUBLE PRECISION,
  lng DOUBLE PRECISION,
  accuracy_m DOUBLE PRECISION,
  distance_m DOUBLE PRECISION,
  client_addr TEXT,
  PRIMARY KEY (roll_call_id, person_id)
);
CREATE INDEX roll_call_persons_by_person ON roll_call_persons (person_id, roll_call_id);

-- Sessions of other classes on the same day (a teacher or trainee in two places at once).
CREATE INDEX class_sessions_by_date ON class_sessions (date);
