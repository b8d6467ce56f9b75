-- Person and enrolment (issue "Trust", deliver 1; domain.md §7a). A trainee (学员) is a person,
-- identified by the blind index of the ID number (trainees.id_number, UNIQUE), not a record owned
-- by the institution that registered them first. Each institution keeps its own record of the
-- people it enrols (enrolments: the phone and trainee group it was given), sees a person only
-- while it has that record, and its edits change only that record. A name that differs from the
-- one on record does not overwrite it and is not refused with the stored name: it becomes a held
-- enrolment (held_enrolments) that a reviewer of the institution's district confirms or refuses.

-- The institution's own record of a person (报名记录). The phones copied below keep the people's
-- column-bound sealing until the server binds every sealed cell to its row at start (0011,
-- SqlStore::BindSealsToRows). The unique key serves the institution's list in person order;
-- enrolments_by_trainee the "which institutions know this person" probes.
CREATE TABLE enrolments (
  id {{id_column}},                   -- the row the sealed phone is bound to (migration 0011)
  institution_id BIGINT NOT NULL REFERENCES institutions(id),
  trainee_id BIGINT NOT NULL REFERENCES trainees(id),
  phone_enc TEXT,
  trainee_group TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (institution_id, trainee_id)
);
CREATE INDEX enrolments_by_trainee ON enrolments (trainee_id, institution_id);

-- The people known to an institution of a district (a district reviewer's scope), kept in the
-- transaction that gives an institution its record (and when an institution moves district), so
-- that a district's trainee list walks and counts its own primary key, index only, however large
-- the city grows (issue "Room to grow", item 8).
CREATE TABLE district_trainees (
  district_code TEXT NOT NULL REFERENCES districts(code),
  trainee_id BIGINT NOT NULL REFERENCES trainees(id),
  PRIMARY KEY (district_code, trainee_id)
);

-- How many people each institution has records of ('institution:<id>') and each district knows
-- ('district:<code>'), kept in the same transactions, so that the total of an unfiltered scoped
-- trainee list is one row read, exact, whatever the size of the city.
CREATE TABLE trainee_counts (
  scope TEXT PRIMARY KEY,
  n BIGINT NOT NULL
);

-- An enrolment waiting for a reviewer: the institution gave a name that differs from the person's
-- (or asked to change it). class_id: the class it was for (NULL: a registration without a class).
CREATE TABLE held_enrolments (
  id {{id_column}},
  institution_id BIGINT NOT NULL REFERENCES institutions(id),
  class_id BIGINT REFERENCES classes(id) ON DELETE CASCADE,
  trainee_id BIGINT NOT NULL REFERENCES trainees(id),
  given_name TEXT NOT NULL,
  phone_enc TEXT,
  trainee_group TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'held',  -- held | confirmed | refused
  reason TEXT NOT NULL DEFAULT '',
  decided_by TEXT,
  decided_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX held_enrolments_by_state ON held_enrolments (state, id);
CREATE INDEX held_enrolments_by_institution ON held_enrolments (institution_id, state, id);
CREATE INDEX held_enrolments_by_class ON held_enrolments (class_id, state);

-- Existing data: every trainee stays a person; each institution that has them on a roster of one
-- of its classes, or whose user registered them (the audit trail's trainee.create), gets its own
-- record of them with the phone and group known so far.
INSERT INTO enrolments (institution_id, trainee_id, phone_enc, trainee_group, created_at,
                        updated_at)
SELECT k.institution_id, t.id, t.phone_enc, t.trainee_group, t.created_at, t.created_at
FROM (
  SELECT c.institution_id AS institution_id, r.trainee_id AS trainee_id
  FROM class_roster r JOIN classes c ON c.id = r.class_id
  UNION
  SELECT u.institution_id AS institution_id, t2.id AS trainee_id
  FROM audit_events a
  JOIN users u ON u.username = a.actor
  JOIN trainees t2 ON a.target = 'trainee:' || CAST(t2.id AS TEXT)
  WHERE a.action = 'trainee.create' AND u.institution_id IS NOT NULL
) k
JOIN trainees t ON t.id = k.trainee_id;

INSERT INTO district_trainees (district_code, trainee_id)
SELECT DISTINCT i.district_code, e.trainee_id
FROM enrolments e JOIN institutions i ON i.id = e.institution_id;

INSERT INTO trainee_counts (scope, n)
SELECT 'institution:' || CAST(institution_id AS TEXT), COUNT(*) FROM enrolments GROUP BY institution_id;
INSERT INTO trainee_counts (scope, n)
SELECT 'district:' || district_code, COUNT(*) FROM district_trainees GROUP BY district_code;
