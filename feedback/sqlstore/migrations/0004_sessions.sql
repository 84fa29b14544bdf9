-- Staff sessions (feedback.Session): one row per sign-in, deleted at
-- sign-out. id_hash is the hex SHA-256 of the session ID; the ID itself,
-- which the staff member's cookie carries, is never stored, so a copy of
-- the database signs nobody in. Times are TEXT as in cases. idle_until is
-- when the session ends unless it is used again (the earlier of last_seen
-- plus idle_ms and expires_at), so that the expired rows can be deleted
-- by comparing text. Every statement is plain SQLite that Cloudflare D1
-- accepts, and can run twice without harm.
CREATE TABLE IF NOT EXISTS staff_sessions (
    id_hash    TEXT PRIMARY KEY,
    subject    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    idle_ms    INTEGER NOT NULL,
    expires_at TEXT NOT NULL,
    idle_until TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS staff_sessions_by_end ON staff_sessions (idle_until);
