-- Issue 11 (items 4 and 6); the same as 0013_audit_changes_session_content.sqlite.sql but for the
-- index of the filter by target type.
-- The audit trail's field-level change list (domain/audit.h AuditChange, stored as EncodeChanges
-- writes it; '' for none). The chain covers it for the events that have one: an event without
-- changes keeps the record format it had before, so older events still verify.
ALTER TABLE audit_events ADD COLUMN changes TEXT NOT NULL DEFAULT '';
-- The audit browser's time range (at is RFC 3339 in one offset, so text order is time order).
CREATE INDEX audit_by_at ON audit_events (at, seq);
-- The filter by target type ("class:" prefix) compares bytes (COLLATE "C") whatever the
-- database's collation; SQLite compares bytes already and uses audit_by_target (0002).
CREATE INDEX audit_by_target_bytes ON audit_events ((target COLLATE "C"), seq);

-- 课程内容 of a class session: optional text ('' when not given).
ALTER TABLE class_sessions ADD COLUMN content TEXT NOT NULL DEFAULT '';
