-- Issue 10 ("Real inputs"), Deliver 4 and 6. Portable.
--
-- The working-day calendar years an operator imported (anpei calendar import, or the console):
-- a year imported again is a new row, never an update, so every version stays. `id` is the
-- calendar revision a declaration records (classes.calendar_version); `version` counts the
-- imports of one year.
CREATE TABLE calendar_years (
  id {{id_column}},
  year INTEGER NOT NULL,
  version INTEGER NOT NULL,
  notice TEXT NOT NULL,               -- the official notice's number, 国办发明电〔2025〕7号
  source TEXT NOT NULL,
  toml TEXT NOT NULL,                 -- the year as imported, in the format of data/calendar/
  imported_by TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (year, version)
);

-- The calendar revision a class's declaration used (NULL before declaring; 0 = the shipped data
-- only), so a later correction of a year does not move a deadline already decided.
ALTER TABLE classes ADD COLUMN calendar_version BIGINT;

-- A unified social credit code that fails only its GB 32100 check character (codes issued
-- before the standard took full effect) is held for the city bureau: valid, pending, confirmed,
-- refused. Only valid and confirmed institutions may declare classes.
ALTER TABLE institutions ADD COLUMN uscc_status TEXT NOT NULL DEFAULT 'valid';
ALTER TABLE institutions ADD COLUMN uscc_note TEXT NOT NULL DEFAULT '';
