-- The roster (花名册) keeps the order the institution gave it (its spreadsheet's, its list's):
-- people's ids are random since issue "Trust" (an id from one sequence told an institution whether
-- a person it enrolled was known before), so ordering by id would shuffle a roster. Existing
-- rosters keep the order they had (by person id, which was the order of registration).
ALTER TABLE class_roster ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE class_roster SET seq = (SELECT COUNT(*) FROM class_roster r2
                               WHERE r2.class_id = class_roster.class_id
                                 AND r2.trainee_id < class_roster.trainee_id);
