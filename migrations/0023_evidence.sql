-- The evidence of classes (过程材料, issue 14; domain/evidence.h; docs/architecture.md, "Evidence
-- uploads"): group and practical photos, session videos, sign-in sheet scans, the online tables.
-- One row per accepted file; the bytes are a blob (ports/blob_store.h) named by sha256, shared by
-- every row with the same bytes. session_seq NULL: the whole class. retain_until (Unix s): not
-- deletable before (三（一）3（1）, 三（二）1); legal_hold blocks deletion beyond it. deleted_at:
-- the row stays (the audit trail refers to it), the item leaves every list.
-- analysis_json: the photo report (faces, pHash, size, EXIF capture time) or the video report
-- (duration, creation time, codec, gaps and segments) as the upload found it.
-- phash + phash_b0..b4: a photo's perceptual hash and its five bands, each indexed, so the photos
-- within a few bits of a new one are found through an index, never a scan (as selfies, 0020).
CREATE TABLE evidence_items (
  id {{id_column}},
  class_id BIGINT NOT NULL REFERENCES classes(id),
  session_seq INTEGER,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  mime TEXT NOT NULL,
  uploaded_by_user BIGINT NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at BIGINT NOT NULL,
  retain_until BIGINT NOT NULL,
  legal_hold INTEGER NOT NULL DEFAULT 0,
  legal_hold_reason TEXT NOT NULL DEFAULT '',
  deleted_at BIGINT,
  started_at BIGINT,
  analysis_json TEXT NOT NULL DEFAULT '{}',
  captured_at BIGINT,
  phash TEXT,
  phash_b0 INTEGER,
  phash_b1 INTEGER,
  phash_b2 INTEGER,
  phash_b3 INTEGER,
  phash_b4 INTEGER,
  faces INTEGER
);
CREATE INDEX evidence_items_by_class ON evidence_items (class_id, id);
CREATE INDEX evidence_items_by_sha ON evidence_items (sha256);
CREATE INDEX evidence_items_band0 ON evidence_items (phash_b0);
CREATE INDEX evidence_items_band1 ON evidence_items (phash_b1);
CREATE INDEX evidence_items_band2 ON evidence_items (phash_b2);
CREATE INDEX evidence_items_band3 ON evidence_items (phash_b3);
CREATE INDEX evidence_items_band4 ON evidence_items (phash_b4);

-- Resumable uploads under way (tus 1.0.0): the bytes received so far are in the blob directory
-- (partial/<upload_id>), never here. upload_length: the announced size; upload_offset: bytes
-- received. An unfinished upload is dropped after expires_at (Unix s).
CREATE TABLE evidence_uploads (
  upload_id TEXT PRIMARY KEY,
  class_id BIGINT NOT NULL REFERENCES classes(id),
  session_seq INTEGER,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  upload_length BIGINT NOT NULL,
  upload_offset BIGINT NOT NULL DEFAULT 0,
  started_at BIGINT,
  created_by_user BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX evidence_uploads_by_expiry ON evidence_uploads (expires_at);
