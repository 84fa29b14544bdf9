-- cases_by_due (due_at, received_at) served no query: List orders by
-- "due_at IS NULL, due_at, received_at, id", which no index on due_at can
-- give, and its overdue filter compares due_at with a value computed from
-- the row itself. The index only cost a b-tree insert on every new case.
-- cases_by_status_due serves the status filter, cases_by_received the
-- periods. DROP INDEX IF EXISTS is plain SQLite that D1 accepts, and can
-- run twice without harm.
DROP INDEX IF EXISTS cases_by_due;
