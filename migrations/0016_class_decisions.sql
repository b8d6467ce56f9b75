-- Review (issue 12, 三（一）2): a reviewer's decision on a declared class — approve, return with
-- reasons, reject. One row per decision, never changed: the class page shows the latest and its
-- reasons, GET /classes/{id}/decisions lists them, the approval form (审核审批单) prints the latest
-- with its verification code. plan_version is the plan_versions version decided on.
-- reviewer_id: the user (NULL: the operator's tools); reviewer_name: their display name then.
CREATE TABLE class_decisions (
  id {{id_column}},
  class_id BIGINT NOT NULL REFERENCES classes(id),
  decision TEXT NOT NULL,  -- approve | return | reject
  reason TEXT NOT NULL DEFAULT '',
  reviewer_id BIGINT,
  reviewer_name TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  plan_version INTEGER NOT NULL,
  verification_code TEXT NOT NULL UNIQUE
);
CREATE INDEX class_decisions_by_class ON class_decisions (class_id, id);
