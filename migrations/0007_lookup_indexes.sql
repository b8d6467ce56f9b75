-- Indexes for every lookup by key and every scope filter (issue "Room to grow", item 8), so that
-- lists and lookups cost the same with 100 000 trainees as with 1 000. Portable: both dialects
-- spell CREATE INDEX alike. tests/storage/query_plan_test.cc reads the query plans on both stores
-- and fails when one of these lookups falls back to a full scan.
--
-- Already indexed by 0001–0004: primary keys; trainees.id_number (UNIQUE: the blind index);
-- teachers (institution_id, id_number) (UNIQUE); classes (institution_id, state); the audit
-- trail's target and actor; sessions by user.

-- A trainee's rosters: the scope filters ("trainees on a roster of a class of institution X / of
-- district Y") probe this from each trainee, and TraineeOnRosterOf looks a trainee up here.
CREATE INDEX class_roster_by_trainee ON class_roster (trainee_id, class_id);

-- An institution's classes in id order (the class list and its keyset cursor, newest first).
CREATE INDEX classes_by_institution_id ON classes (institution_id, id);
-- The class list filtered by state, in id order.
CREATE INDEX classes_by_state ON classes (state, id);

-- A district's institutions (district scope of institutions, teachers, classes and trainees).
CREATE INDEX institutions_by_district ON institutions (district_code, id);

-- An institution's teachers in id order.
CREATE INDEX teachers_by_institution ON teachers (institution_id, id);

-- The trainee list filtered by group, in id order.
CREATE INDEX trainees_by_group ON trainees (trainee_group, id);

-- The audit browser filtered by action, in sequence order.
CREATE INDEX audit_by_action ON audit_events (action, seq);
