-- Spot checks (issue 12, Deliver 5; domain.md §3, 三（一）2): random draws of classes in training,
-- visits on site with their photos, and the cases a finding opens for the fraud process (四（三）).
-- docs/architecture.md, "Spot checks" and "The blob store".

-- A draw, recorded in the transaction that makes it, so that it can be recomputed and so that
-- every draw, including one a reviewer might repeat with other seeds, stays on the list.
-- candidates and class_ids: class ids, comma-separated (candidates ascending, class_ids in draw
-- order). district_code NULL: a city-wide draw (police_admin).
CREATE TABLE spot_check_draws (
  id {{id_column}},
  district_code TEXT REFERENCES districts(code),
  occupation TEXT,
  institution_id BIGINT REFERENCES institutions(id),
  draw_count INTEGER NOT NULL,
  seed TEXT NOT NULL,
  seed_source TEXT NOT NULL,          -- given | server
  on_date TEXT NOT NULL,              -- the day "in training" was decided for (YYYY-MM-DD)
  candidates TEXT NOT NULL,
  class_ids TEXT NOT NULL,
  drawn_by BIGINT NOT NULL,           -- users.id
  drawn_by_name TEXT NOT NULL,
  drawn_at TEXT NOT NULL
);
CREATE INDEX spot_check_draws_by_district ON spot_check_draws (district_code, id);

-- A visit on site (现场检查) to one class. inspectors: names, one per line.
CREATE TABLE spot_checks (
  id {{id_column}},
  class_id BIGINT NOT NULL REFERENCES classes(id),
  draw_id BIGINT REFERENCES spot_check_draws(id),
  visited_at TEXT NOT NULL,
  inspectors TEXT NOT NULL,
  present INTEGER NOT NULL,
  expected INTEGER NOT NULL,
  findings TEXT NOT NULL,
  recorded_by BIGINT NOT NULL,
  recorded_by_name TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX spot_checks_by_class ON spot_checks (class_id, id);

-- Photos of a visit: the blob (ports/blob_store.h) by its SHA-256, numbered 1, 2, ... per visit.
CREATE TABLE spot_check_photos (
  spot_check_id BIGINT NOT NULL REFERENCES spot_checks(id),
  n INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  mime TEXT NOT NULL,
  file_name TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  PRIMARY KEY (spot_check_id, n)
);

-- Cases (案件线索) for the fraud process: opened by a spot-check finding now, by other sources
-- later (source names the table, source_id its row).
CREATE TABLE cases (
  id {{id_column}},
  class_id BIGINT NOT NULL REFERENCES classes(id),
  source TEXT NOT NULL,               -- spot_check
  source_id BIGINT NOT NULL,
  state TEXT NOT NULL DEFAULT 'open',
  summary TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  UNIQUE (source, source_id)
);
CREATE INDEX cases_by_class ON cases (class_id, id);
