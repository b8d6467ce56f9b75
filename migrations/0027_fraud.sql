-- Fraud outcomes (issue 15, Deliver 5; domain.md §3 "Fraud", 四（三）; domain/fraud_case.h;
-- docs/architecture.md, "Fraud cases and the blacklist"). A case (cases, 0018) is opened by a
-- spot-check finding, a fraud signal or a report; the police investigate, the institution answers
-- (陈述申辩) until response_due, the city bureau decides. A case found fraudulent disqualifies the
-- class and lists the institution on the credit blacklist (信用黑名单), sent to 人社; only 人社 lifts
-- an entry.

-- The case's state: open → investigating → fraud | cleared. response_due: the last day (YYYY-MM-DD,
-- UTC+8) the institution may answer, set when the investigation starts. version: optimistic lock.
ALTER TABLE cases ADD COLUMN response_due TEXT;
ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- The case file (卷宗): every step in order — investigation findings, the institution's answers,
-- the decision — with who and when. kind: open | investigate | response | decision.
CREATE TABLE case_steps (
  id {{id_column}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  by_user BIGINT NOT NULL,
  by_name TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX case_steps_by_case ON case_steps (case_id, id);

-- The credit blacklist (信用黑名单, 四（三）). An entry is in force from listed_at until lifted_at;
-- period_until is the period the decision set (the earliest day 人社 is asked to consider lifting);
-- while any entry of an institution is in force, institutions.blacklisted_at holds the earliest
-- listed_at and the institution cannot declare. sent_to_hrss_at: copied to 人社 (抄送) at listing;
-- acknowledged_*: 人社 took it into its credit list.
CREATE TABLE blacklist_entries (
  id {{id_column}},
  institution_id BIGINT NOT NULL REFERENCES institutions(id),
  case_id BIGINT REFERENCES cases(id),
  reason TEXT NOT NULL,
  listed_at TEXT NOT NULL,
  listed_at_unix BIGINT NOT NULL,
  period_until TEXT NOT NULL,
  listed_by BIGINT NOT NULL,
  listed_by_name TEXT NOT NULL,
  sent_to_hrss_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by_name TEXT,
  lifted_at TEXT,
  lifted_at_unix BIGINT,
  lifted_by_name TEXT,
  lift_reason TEXT,
  UNIQUE (case_id)
);
CREATE INDEX blacklist_by_institution ON blacklist_entries (institution_id, listed_at_unix);
