-- Tickets, their append-only event log and their photos.
-- Written in SQL that PostgreSQL accepts too (a later migration set adds PostgreSQL).

CREATE TABLE ticket_counters (
    day  TEXT PRIMARY KEY,          -- YYYYMMDD in Asia/Shanghai
    last INTEGER NOT NULL
);

CREATE TABLE tickets (
    id              INTEGER PRIMARY KEY,
    ticket_no       TEXT NOT NULL UNIQUE,
    code_hash       TEXT NOT NULL,          -- HMAC-SHA256(secret, ticket_no ":" code), hex
    kind            TEXT NOT NULL,
    category        TEXT NOT NULL,
    district        TEXT NOT NULL,
    street          TEXT NOT NULL,
    address         TEXT NOT NULL,
    latitude        DOUBLE PRECISION,
    longitude       DOUBLE PRECISION,
    description     TEXT NOT NULL,
    contact_name    TEXT NOT NULL,
    contact_phone   TEXT NOT NULL,
    confidential    BOOLEAN NOT NULL,
    publish_consent BOOLEAN NOT NULL,
    channel         TEXT NOT NULL,          -- web, api, demo
    created_at      TIMESTAMP NOT NULL      -- UTC
);

CREATE INDEX tickets_by_district_category ON tickets (district, category, created_at);

CREATE TABLE ticket_events (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id),
    kind       TEXT NOT NULL,
    actor      TEXT NOT NULL,               -- 'citizen', later a staff account
    public     BOOLEAN NOT NULL,            -- shown on the citizen's timeline
    note       TEXT NOT NULL DEFAULT '',
    at         TIMESTAMP NOT NULL
);

CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);

-- The event log is append-only.
CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;
CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;

CREATE TABLE ticket_photos (
    id            INTEGER PRIMARY KEY,
    ticket_id     INTEGER NOT NULL REFERENCES tickets (id),
    position      INTEGER NOT NULL,         -- 1..6 in the order the citizen gave them
    display_key   TEXT NOT NULL,            -- sha256 of the stored file + '.jpg'
    thumb_key     TEXT NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    UNIQUE (ticket_id, position)
);

CREATE INDEX ticket_photos_by_display ON ticket_photos (display_key);
CREATE INDEX ticket_photos_by_thumb ON ticket_photos (thumb_key);
