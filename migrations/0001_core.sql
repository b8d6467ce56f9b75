-- Core model (domain.md §1, §3): districts, institutions, teachers, trainees, classes with their
-- sessions, teachers, roster and plan versions. Portable: {{id_column}} is the one thing the
-- dialects spell differently (see adapters/sql/migrations.cc).

CREATE TABLE districts (
  code TEXT PRIMARY KEY,              -- GB/T 2260 county-level code, e.g. 350503
  name TEXT NOT NULL
);

CREATE TABLE institutions (
  id {{id_column}},
  name TEXT NOT NULL,
  uscc TEXT NOT NULL UNIQUE,          -- unified social credit code (GB 32100), one per institution
  district_code TEXT NOT NULL REFERENCES districts(code),
  address TEXT NOT NULL DEFAULT '',
  blacklisted_at TEXT,                -- 四（三）: set while on the credit blacklist
  version INTEGER NOT NULL DEFAULT 1, -- optimistic concurrency: a stale update is refused (409)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE teachers (
  id {{id_column}},
  institution_id BIGINT NOT NULL REFERENCES institutions(id),
  name TEXT NOT NULL,
  id_number TEXT NOT NULL,
  qualification TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  UNIQUE (institution_id, id_number)
);

CREATE TABLE trainees (
  id {{id_column}},
  name TEXT NOT NULL,
  id_number TEXT NOT NULL UNIQUE,
  phone TEXT NOT NULL DEFAULT '',
  trainee_group TEXT NOT NULL,        -- policy trainee_groups id (二（一）)
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

CREATE TABLE classes (
  id {{id_column}},
  institution_id BIGINT NOT NULL REFERENCES institutions(id),
  policy_id TEXT NOT NULL,
  occupation TEXT NOT NULL,
  title TEXT NOT NULL,
  venue_address TEXT NOT NULL DEFAULT '',
  venue_lat DOUBLE PRECISION,
  venue_lng DOUBLE PRECISION,
  state TEXT NOT NULL DEFAULT 'draft',
  declared_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX classes_by_institution ON classes (institution_id, state);

CREATE TABLE class_teachers (
  class_id BIGINT NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
  teacher_key TEXT NOT NULL,          -- the plan's teacher id ("t1")
  teacher_id BIGINT NOT NULL REFERENCES teachers(id),
  PRIMARY KEY (class_id, teacher_key)
);

CREATE TABLE class_sessions (
  class_id BIGINT NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  date TEXT NOT NULL,
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL,
  hours INTEGER NOT NULL,
  kind TEXT NOT NULL,
  delivery TEXT NOT NULL,
  teacher_key TEXT,
  PRIMARY KEY (class_id, seq)
);

CREATE TABLE class_roster (
  class_id BIGINT NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
  trainee_id BIGINT NOT NULL REFERENCES trainees(id),
  PRIMARY KEY (class_id, trainee_id)  -- one trainee once per roster
);

CREATE TABLE plan_versions (
  class_id BIGINT NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  plan_json TEXT NOT NULL,
  reason TEXT NOT NULL,               -- declared / change request (三（二）3)
  created_at TEXT NOT NULL,
  PRIMARY KEY (class_id, version)
);
