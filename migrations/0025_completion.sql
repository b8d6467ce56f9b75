-- Completion and verification (结业审核, 三（一）3; issue 15, Deliver 1; domain/eligibility.h;
-- docs/architecture.md, "Completion and eligibility"): assessment scores, the exclusion lists the
-- department imports (matched through the blind index of the ID number only), the completion a
-- class's institution submits with the reviewer's decision, and each trainee's stored verdict.

-- The final assessment (结业考核) per trainee of a class: 0..100.
CREATE TABLE assessment_scores (
  class_id BIGINT NOT NULL REFERENCES classes(id),
  person_id BIGINT NOT NULL REFERENCES trainees(id),
  score INTEGER NOT NULL CHECK (score >= 0 AND score <= 100),
  entered_by_user BIGINT NOT NULL,
  entered_at TEXT NOT NULL,
  PRIMARY KEY (class_id, person_id)
);

-- Kinds of exclusion list (排除名单): data, more can be added through the API.
CREATE TABLE exclusion_kinds (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL
);
INSERT INTO exclusion_kinds (id, name) VALUES ('pension', '领取养老金人员');
INSERT INTO exclusion_kinds (id, name) VALUES ('civil_servant', '在编公职人员');
INSERT INTO exclusion_kinds (id, name) VALUES ('student', '非毕业年度在校学生');
INSERT INTO exclusion_kinds (id, name) VALUES ('deceased', '死亡人员');

-- One imported file.
CREATE TABLE exclusion_batches (
  id {{id_column}},
  kind TEXT NOT NULL REFERENCES exclusion_kinds(id),
  file_name TEXT NOT NULL,
  rows INTEGER NOT NULL,
  imported_by BIGINT NOT NULL,
  imported_at TEXT NOT NULL
);

-- One person of a list: id_blind is the keyed blind index of the ID number with the context of
-- trainees.id_number, so a match is an equality join on the people's own index; the number itself
-- only sealed (bound to the row, sql_common.h), the name sealed when the file had one.
CREATE TABLE exclusion_entries (
  id {{id_column}},
  kind TEXT NOT NULL REFERENCES exclusion_kinds(id),
  id_blind TEXT NOT NULL,
  id_sealed TEXT NOT NULL,
  name_sealed TEXT,
  batch_id BIGINT NOT NULL REFERENCES exclusion_batches(id),
  valid_from TEXT,
  valid_until TEXT,
  imported_by_user BIGINT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE INDEX exclusion_entries_by_blind ON exclusion_entries (id_blind);
CREATE INDEX exclusion_entries_by_batch ON exclusion_entries (batch_id);

-- The completion of a class (one per class; a return and a new submission update it, the audit
-- trail keeps every step). decision: approve | return (NULL: pending).
CREATE TABLE completions (
  class_id BIGINT PRIMARY KEY REFERENCES classes(id),
  submitted_by_user BIGINT NOT NULL,
  submitted_at TEXT NOT NULL,
  decided_by_user BIGINT,
  decided_at TEXT,
  decision TEXT,
  reason TEXT NOT NULL DEFAULT ''
);

-- Each rostered trainee's verdict (domain::TraineeVerdict): every rule with its clause, policy key,
-- outcome, message and the facts it used (masked), as JSON; inputs_hash the SHA-256 of the
-- canonical facts (domain::CanonicalFacts), so a re-run on unchanged data is seen to be identical.
-- review_decision: pending | approved | refused.
CREATE TABLE trainee_verdicts (
  class_id BIGINT NOT NULL REFERENCES classes(id),
  person_id BIGINT NOT NULL REFERENCES trainees(id),
  eligible INTEGER NOT NULL,
  rules_json TEXT NOT NULL,
  inputs_hash TEXT NOT NULL,
  policy_id TEXT NOT NULL,
  policy_version INTEGER NOT NULL,
  computed_at TEXT NOT NULL,
  subsidy_yuan BIGINT NOT NULL DEFAULT 0,
  occupation TEXT NOT NULL,
  level TEXT NOT NULL,
  review_decision TEXT NOT NULL DEFAULT 'pending',
  review_reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (class_id, person_id)
);
-- A person's prior subsidies (approved verdicts of other classes) are found through this.
CREATE INDEX trainee_verdicts_by_person ON trainee_verdicts (person_id, review_decision);
