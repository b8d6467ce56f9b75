-- Work queues (issue 11, Deliver 1; app/work_queue.h): each role's to-do lists read classes in one
-- state oldest first, and the city bureau's institutions whose legacy credit code awaits
-- confirmation. tests/storage/query_plan_test.cc checks their plans on both stores.

-- Declarations waiting for review, oldest declaration first (city-wide, and per district through
-- institutions_by_district); drafts and returned classes of an institution use
-- classes_by_institution (institution_id, state).
CREATE INDEX classes_by_state_declared ON classes (state, declared_at, id);

-- Institutions by the standing of their credit code (pending_confirmation: the city bureau's queue).
CREATE INDEX institutions_by_uscc_status ON institutions (uscc_status, id);
