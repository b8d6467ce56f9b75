-- The append-only guard lets an update through only while key rotation holds a permit (0005).
DROP TRIGGER audit_events_no_update;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
WHEN NOT EXISTS (SELECT 1 FROM audit_relink_permit)
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
