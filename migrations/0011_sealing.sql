-- Sealed personal data bound to its row (issue "Trust", Deliver 5). Scheme 1: the AEAD context
-- named the column ("trainees.id_number"); scheme 2: the column and the row's id
-- ("trainees.id_number#42"), so a ciphertext moved to another row no longer opens. The server
-- re-seals scheme-1 data at start (SqlStore::BindSealsToRows, it needs the master key) and then
-- records scheme 2 here; the pass never runs again, so a ciphertext copied in later from an old
-- backup is not legitimised.
CREATE TABLE sealing (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  scheme INTEGER NOT NULL
);
INSERT INTO sealing (id, scheme) VALUES (1, 1);
