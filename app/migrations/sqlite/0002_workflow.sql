-- The case workflow: staff accounts and sessions, event data, the queue projection of each
-- ticket's state (rebuilt from its events at every change), and the contact-view log.

-- Events carry the actor's role and their data (JSON of model::workflow::Event).
ALTER TABLE ticket_events ADD COLUMN role TEXT;
ALTER TABLE ticket_events ADD COLUMN data TEXT NOT NULL DEFAULT '{"type":"created"}';

-- The fold of the events, kept beside the ticket for the queue indexes. `version` is the
-- number of events folded: a change commits only if nobody appended in between.
ALTER TABLE tickets ADD COLUMN status TEXT NOT NULL DEFAULT 'submitted';
ALTER TABLE tickets ADD COLUMN department TEXT;
ALTER TABLE tickets ADD COLUMN reply_due TIMESTAMP;
ALTER TABLE tickets ADD COLUMN hand_back_due TIMESTAMP;
ALTER TABLE tickets ADD COLUMN clock_runs BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE tickets ADD COLUMN handed_back BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE tickets ADD COLUMN extension_pending BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE tickets ADD COLUMN supervised BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE tickets ADD COLUMN supervision_due DATE;
ALTER TABLE tickets ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tickets ADD COLUMN updated_at TIMESTAMP;

-- Operator queues: new cases, cases to (re-)dispatch; oldest first.
CREATE INDEX tickets_by_status ON tickets (status, created_at);
-- Department queues by status, soonest deadline first; overdue = clock running, due passed.
CREATE INDEX tickets_by_department ON tickets (department, status, reply_due);
-- status last: counting a department's running cases reads the index only, not the rows.
CREATE INDEX tickets_department_clock ON tickets (department, clock_runs, reply_due, status);
-- Supervisor: overdue across departments, extension requests, the 督办 list.
CREATE INDEX tickets_clock ON tickets (clock_runs, reply_due);
CREATE INDEX tickets_extension_pending ON tickets (extension_pending, reply_due);
CREATE INDEX tickets_supervised ON tickets (supervised, supervision_due);
CREATE INDEX tickets_department_supervised ON tickets (department, supervised, supervision_due);

CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL,            -- operator, handler, head, supervisor, admin
    department    TEXT,                     -- handlers and heads only: a city department code
    password_hash TEXT NOT NULL,            -- argon2id PHC string
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE staff_sessions (
    token_hash  TEXT PRIMARY KEY,           -- SHA-256 of the cookie token, hex
    staff_id    INTEGER NOT NULL REFERENCES staff (id),
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL
);
CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);

-- Every view of a reporter's name and phone, by whom and when. Append-only.
CREATE TABLE contact_views (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id),
    staff_id   INTEGER NOT NULL REFERENCES staff (id),
    at         TIMESTAMP NOT NULL
);
CREATE INDEX contact_views_by_ticket ON contact_views (ticket_id, id);
CREATE TRIGGER contact_views_no_update BEFORE UPDATE ON contact_views
BEGIN SELECT RAISE(ABORT, 'contact_views is append-only'); END;
CREATE TRIGGER contact_views_no_delete BEFORE DELETE ON contact_views
BEGIN SELECT RAISE(ABORT, 'contact_views is append-only'); END;
