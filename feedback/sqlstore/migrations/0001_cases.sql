-- Cases: one row per submission, keyed by its ID (a UUIDv7). Times are
-- TEXT in UTC with nanoseconds and a fixed width
-- ("2026-03-10T09:00:00.000000000Z"), so they sort and compare as text
-- and survive D1, whose JavaScript numbers cannot hold nanoseconds.
-- Every statement is plain SQLite that Cloudflare D1 accepts, and can run
-- twice without harm.
CREATE TABLE IF NOT EXISTS cases (
    id                TEXT PRIMARY KEY,
    token             TEXT NOT NULL UNIQUE,
    idempotency_key   TEXT NOT NULL UNIQUE,
    received_at       TEXT NOT NULL,
    channel           TEXT NOT NULL,
    language          TEXT NOT NULL,
    text              TEXT NOT NULL,
    redacted_text     TEXT NOT NULL,
    has_contact       INTEGER NOT NULL DEFAULT 0,
    contact_name      TEXT NOT NULL DEFAULT '',
    contact_email     TEXT NOT NULL DEFAULT '',
    contact_phone     TEXT NOT NULL DEFAULT '',
    recipient         TEXT NOT NULL DEFAULT '',
    decision_received TEXT NOT NULL DEFAULT '',
    about_staff       INTEGER NOT NULL DEFAULT 0,
    policy            TEXT NOT NULL,
    kind              TEXT NOT NULL DEFAULT '',
    runner_up         TEXT NOT NULL DEFAULT '',
    confidence        REAL NOT NULL DEFAULT 0,
    staff_complaint   INTEGER NOT NULL DEFAULT 0,
    unit              TEXT NOT NULL DEFAULT '',
    diary_number      TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL,
    resume            TEXT NOT NULL DEFAULT '',
    registration_due  TEXT NOT NULL,
    reply_due         TEXT,
    due_via           TEXT NOT NULL DEFAULT '',
    promised          TEXT,
    due_at            TEXT,
    registered_at     TEXT,
    responded_at      TEXT,
    answered_at       TEXT,
    closed_at         TEXT,
    paused_at         TEXT,
    paused_ms         INTEGER NOT NULL DEFAULT 0,
    interim_text      TEXT NOT NULL DEFAULT '',
    reply_text        TEXT NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX IF NOT EXISTS cases_by_due ON cases (due_at, received_at);
CREATE INDEX IF NOT EXISTS cases_by_received ON cases (received_at);
CREATE INDEX IF NOT EXISTS cases_by_status_due ON cases (status, due_at);

-- Changes: the state history of a case, one row per transition after the
-- first ("received", which is the case row itself). seq is the case's
-- version after the change, so two writers cannot record the same step.
CREATE TABLE IF NOT EXISTS case_changes (
    case_id      TEXT NOT NULL REFERENCES cases (id),
    seq          INTEGER NOT NULL,
    from_status  TEXT NOT NULL,
    to_status    TEXT NOT NULL,
    at           TEXT NOT NULL,
    by_whom      TEXT NOT NULL DEFAULT '',
    unit         TEXT NOT NULL DEFAULT '',
    diary_number TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL DEFAULT '',
    promised     TEXT,
    PRIMARY KEY (case_id, seq)
);
