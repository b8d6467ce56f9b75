-- Online learning (线上学习, 三（一）3（2）; issue 14, Deliver 4; docs/architecture.md, "Online
-- learning"): the registry of online training platforms, each platform's API tokens, the platform
-- a class's online sessions use, the learning records (pushed by a platform or imported from the
-- 汇总表 and 明细表 of another platform) and the imports with their row-by-row problems.

-- Platforms. Names are data: the notice names only 中国职业培训在线; the other approved ones (泉人社文
-- 〔2021〕51号) are added by 人社 through POST /online-platforms. approved_by_hrss: 1 for a platform
-- the provincial 人社厅 approved (its records count as pushed), 0 for another platform (its records
-- come as imported tables). active: 0 hides it from new choices; existing choices keep it.
CREATE TABLE online_platforms (
  id {{id_column}},
  name TEXT NOT NULL UNIQUE,
  approved_by_hrss INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO online_platforms (name, approved_by_hrss, active, created_at, updated_at)
VALUES ('中国职业培训在线', 1, 1, '2021-09-01T00:00:00+08:00', '2021-09-01T00:00:00+08:00');

-- A platform's API tokens: only the keyed hash of the token is kept (the token is shown once).
CREATE TABLE online_platform_tokens (
  id {{id_column}},
  platform_id BIGINT NOT NULL REFERENCES online_platforms(id),
  token_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_by_user BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX online_platform_tokens_by_platform ON online_platform_tokens (platform_id, id);

-- The platform a class's online sessions use (chosen by the class's institution).
CREATE TABLE class_online_platforms (
  class_id BIGINT PRIMARY KEY REFERENCES classes(id) ON DELETE CASCADE,
  platform_id BIGINT NOT NULL REFERENCES online_platforms(id),
  chosen_by_user BIGINT NOT NULL,
  chosen_at TEXT NOT NULL
);
CREATE INDEX class_online_platforms_by_platform ON class_online_platforms (platform_id);

-- An import of a class's two tables (汇总表 + 明细表): accepted (its records are in online_records)
-- or refused (nothing imported; the problems below are its row report). Files by SHA-256 (blob).
CREATE TABLE online_imports (
  id {{id_column}},
  class_id BIGINT NOT NULL REFERENCES classes(id),
  state TEXT NOT NULL,                 -- accepted / refused
  summary_file TEXT NOT NULL,
  summary_sha256 TEXT NOT NULL,
  summary_rows INTEGER NOT NULL,
  detail_file TEXT NOT NULL,
  detail_sha256 TEXT NOT NULL,
  detail_rows INTEGER NOT NULL,
  problem_count INTEGER NOT NULL,      -- all found (at most kMaxStoredProblems are kept)
  created_by_user BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX online_imports_by_class ON online_imports (class_id, id);

CREATE TABLE online_import_problems (
  import_id BIGINT NOT NULL REFERENCES online_imports(id),
  n INTEGER NOT NULL,
  sheet TEXT NOT NULL,                 -- summary / detail
  row_number INTEGER NOT NULL,         -- the spreadsheet's own row number (0: the whole file)
  column_name TEXT NOT NULL,
  reason TEXT NOT NULL,                -- online.* stable code
  message TEXT NOT NULL,
  PRIMARY KEY (import_id, n)
);

-- Accepted learning records: one course sitting of one person on the class's roster. Times are
-- Unix seconds (UTC). source: platform (pushed with a platform token) / import (the 明细表 of an
-- accepted import; a later accepted import of the class replaces them). A push of a record
-- already held (same class, person, course and start) is ignored.
CREATE TABLE online_records (
  id {{id_column}},
  class_id BIGINT NOT NULL REFERENCES classes(id),
  person_id BIGINT NOT NULL,
  source TEXT NOT NULL,
  platform_id BIGINT,
  import_id BIGINT,
  course TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  ended_at BIGINT NOT NULL,
  minutes INTEGER NOT NULL,
  class_hours INTEGER NOT NULL,
  face_captures INTEGER NOT NULL,
  exam_score INTEGER,
  created_at TEXT NOT NULL,
  UNIQUE (class_id, person_id, course, started_at)
);
CREATE INDEX online_records_by_person ON online_records (person_id, started_at);
CREATE INDEX online_records_by_import ON online_records (import_id);
