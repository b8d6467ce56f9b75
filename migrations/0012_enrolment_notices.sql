-- No existence oracle in enrolment (issue "Trust", deliver 1; docs/architecture.md, "What an
-- institution sees of a held enrolment"). An institution that enrols a known person under a name
-- that differs from the one on record now gets the same answer and the same state as for anyone
-- else: its own record of the person, showing the name as it typed it, and the person on the
-- class's roster. Only the district's reviewer sees that the enrolment is held; the institution
-- learns the decision from a notice.

-- enrolments.given_name: the name this institution gave, while it differs from the person's and a
-- reviewer has not confirmed it (NULL: the institution sees the person's name). unconfirmed: the
-- record exists only through such an enrolment (the institution never gave the name on record);
-- a refusal then removes the record and the person from the institution's rosters.
ALTER TABLE enrolments ADD COLUMN given_name TEXT;
ALTER TABLE enrolments ADD COLUMN unconfirmed INTEGER NOT NULL DEFAULT 0;

-- What an institution is told: a reviewer's decision on one of its enrolments, in plain Chinese
-- that names the person only as the institution gave them. subject: 'held_enrolment:<id>'.
CREATE TABLE notices (
  id {{id_column}},
  institution_id BIGINT NOT NULL REFERENCES institutions(id),
  kind TEXT NOT NULL,  -- enrolment.confirmed | enrolment.refused
  subject TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX notices_by_institution ON notices (institution_id, id);
