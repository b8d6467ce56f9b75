-- Selfies at check-in (issue 13, Deliver 3; docs/architecture.md, "Selfies"). One row per accepted
-- upload (exactly one face); refused uploads keep nothing. The picture is a blob
-- (ports/blob_store.h) named by its SHA-256. phash: the 64-bit perceptual hash as 16 hex digits;
-- phash_b0..b4 its five bands (domain::SelfieHashBands), each indexed, so the selfies within
-- domain::kSelfieReuseMaxBits bits of a new one are found through an index, never by a scan.
-- A selfie is used by at most one attendance record (used_by_record, set in the check-in's
-- transaction with where it was used: used_class_id, used_session_seq). reuse_of: the earlier
-- used selfie this one repeats (another person's, or the same person's in another session) and
-- reuse_bits their distance — a flag for the reviewer, not a refusal.
CREATE TABLE selfies (
  id {{id_column}},
  person_id BIGINT NOT NULL REFERENCES trainees(id),
  sha256 TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  mime TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  faces INTEGER NOT NULL,
  phash TEXT NOT NULL,
  phash_b0 INTEGER NOT NULL,
  phash_b1 INTEGER NOT NULL,
  phash_b2 INTEGER NOT NULL,
  phash_b3 INTEGER NOT NULL,
  phash_b4 INTEGER NOT NULL,
  uploaded_at BIGINT NOT NULL,        -- Unix seconds
  used_by_record BIGINT UNIQUE,       -- attendance_records.id
  used_class_id BIGINT REFERENCES classes(id),
  used_session_seq INTEGER,
  reuse_of BIGINT REFERENCES selfies(id),
  reuse_bits INTEGER
);
CREATE INDEX selfies_band0 ON selfies (phash_b0);
CREATE INDEX selfies_band1 ON selfies (phash_b1);
CREATE INDEX selfies_band2 ON selfies (phash_b2);
CREATE INDEX selfies_band3 ON selfies (phash_b3);
CREATE INDEX selfies_band4 ON selfies (phash_b4);
CREATE INDEX selfies_by_class ON selfies (used_class_id, used_session_seq);
CREATE INDEX selfies_by_person ON selfies (person_id, id);
