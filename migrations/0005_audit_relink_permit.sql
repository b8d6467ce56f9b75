-- Key rotation re-links the audit chain (anpei key rotate): a row here, inserted and deleted
-- again inside that one transaction, is the only thing that lets an UPDATE of audit_events
-- through the append-only trigger (0006). The trigger's text lives only in the migrations.
CREATE TABLE audit_relink_permit (
  id INTEGER PRIMARY KEY
);
