-- Service-quality figures (model/figures.rs), kept so that a figure page for any period reads
-- a few thousand rows however many cases there are. Written by the application in the same
-- transaction as every event (storage/figures.rs), from the case's replayed history; rebuilt
-- from the events when they are missing (services/figures.rs, at start-up).

-- Each case's slices: the department its figures belong to ('' before any dispatch), where
-- and what it is, how it came in, and the day it was received (Beijing, YYYY-MM-DD).
CREATE TABLE figure_cases (
    ticket_id    INTEGER PRIMARY KEY REFERENCES tickets (id),
    department   TEXT NOT NULL,
    district     TEXT NOT NULL,
    street       TEXT NOT NULL,
    category     TEXT NOT NULL,
    channel      TEXT NOT NULL,
    received_day TEXT NOT NULL,
    accepted     BOOLEAN NOT NULL
);

-- What each case adds to each day's figures, summed per slice: slice 'all' (key ''),
-- 'department', 'district', 'category' (the leaf) and 'channel'. Deadlines still running are
-- not in here (they settle nothing until they pass), nor are repeats (kept with the links).
CREATE TABLE figure_days (
    slice           TEXT NOT NULL,
    key             TEXT NOT NULL,
    day             TEXT NOT NULL,
    received        INTEGER NOT NULL DEFAULT 0,
    rejected        INTEGER NOT NULL DEFAULT 0,
    response_num    INTEGER NOT NULL DEFAULT 0,
    response_den    INTEGER NOT NULL DEFAULT 0,
    on_time_num     INTEGER NOT NULL DEFAULT 0,
    on_time_den     INTEGER NOT NULL DEFAULT 0,
    replied_num     INTEGER NOT NULL DEFAULT 0,
    replied_den     INTEGER NOT NULL DEFAULT 0,
    closed_num      INTEGER NOT NULL DEFAULT 0,
    closed_den      INTEGER NOT NULL DEFAULT 0,
    first_time_num  INTEGER NOT NULL DEFAULT 0,
    first_time_den  INTEGER NOT NULL DEFAULT 0,
    satisfied_num   INTEGER NOT NULL DEFAULT 0,
    satisfied_den   INTEGER NOT NULL DEFAULT 0,
    unsatisfied_num INTEGER NOT NULL DEFAULT 0,
    unsatisfied_den INTEGER NOT NULL DEFAULT 0,
    rated_num       INTEGER NOT NULL DEFAULT 0,
    rated_den       INTEGER NOT NULL DEFAULT 0,
    supervision_num INTEGER NOT NULL DEFAULT 0,
    supervision_den INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (slice, key, day)
);

-- The deadlines still running (first contact, reply, 督办): one that passes unanswered counts
-- as late on the day it passed, read live (due <= now), so that time passing needs no write.
CREATE TABLE figure_deadlines (
    ticket_id INTEGER NOT NULL REFERENCES tickets (id),
    deadline  TEXT NOT NULL,
    due       TIMESTAMP NOT NULL,
    day       TEXT NOT NULL
);
CREATE INDEX figure_deadlines_by_ticket ON figure_deadlines (ticket_id);
CREATE INDEX figure_deadlines_by_day ON figure_deadlines (day, due);
CREATE INDEX figure_cases_by_day ON figure_cases (received_day, accepted, category, district, street);
