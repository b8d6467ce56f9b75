-- Publicity (公示) and objections (异议) (issue 15, Deliver 3; domain.md §3, 三（一）4;
-- domain/publicity.h; docs/architecture.md, "Publicity"). A batch (公示批次) publishes the proposed
-- subsidies of one or more certified classes of one district for policy publicity.working_days
-- working days; anyone may object; the district's reviewer settles each objection; the batch is
-- closed after its period when no objection is open.

-- opens_on / closes_on: YYYY-MM-DD (UTC+8); the period ends at 24:00 of closes_on, the
-- working_days-th working day after opens_on (Civil Code art. 201). state: open | closed.
CREATE TABLE publicity_batches (
  id {{id_column}},
  district_code TEXT NOT NULL REFERENCES districts(code),
  title TEXT NOT NULL,
  working_days INTEGER NOT NULL,
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  state TEXT NOT NULL,
  opened_by BIGINT NOT NULL,
  opened_by_name TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  closed_by_name TEXT,
  closed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX publicity_batches_by_state ON publicity_batches (state, id);

-- The published entries, fixed when the batch opens: masked name and ID number only (the list is
-- public), the subsidy of the trainee's approved verdict. A class is published once (UNIQUE).
-- withdrawn: an upheld objection took the trainee out of the payment.
CREATE TABLE publicity_entries (
  id {{id_column}},
  batch_id BIGINT NOT NULL REFERENCES publicity_batches(id),
  class_id BIGINT NOT NULL REFERENCES classes(id),
  person_id BIGINT NOT NULL REFERENCES trainees(id),
  masked_name TEXT NOT NULL,
  masked_id_number TEXT NOT NULL,
  occupation TEXT NOT NULL,
  occupation_name TEXT NOT NULL,
  level TEXT NOT NULL,
  institution_name TEXT NOT NULL,
  class_title TEXT NOT NULL,
  subsidy_yuan BIGINT NOT NULL,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  UNIQUE (class_id, person_id)
);
CREATE INDEX publicity_entries_by_batch ON publicity_entries (batch_id, id);

-- An objection (异议) filed from the public page on one entry (entry_id) or a whole class.
-- receipt: 16 characters of Crockford base32 (80 random bits), the objector's key to the outcome.
-- contact: the objector's phone or e-mail, sealed (row-bound, like every personal datum);
-- state: open | upheld | dismissed; reason: the reviewer's, shown to the objector; case_id: the
-- fraud case opened from it (source report).
CREATE TABLE objections (
  id {{id_column}},
  batch_id BIGINT NOT NULL REFERENCES publicity_batches(id),
  class_id BIGINT NOT NULL REFERENCES classes(id),
  entry_id BIGINT REFERENCES publicity_entries(id),
  receipt TEXT NOT NULL UNIQUE,
  contact_kind TEXT NOT NULL,
  contact TEXT NOT NULL,
  body TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  state TEXT NOT NULL,
  reason TEXT,
  resolved_by_name TEXT,
  resolved_at TEXT,
  case_id BIGINT REFERENCES cases(id),
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX objections_by_batch ON objections (batch_id, id);
CREATE INDEX objections_by_state ON objections (state, id);
