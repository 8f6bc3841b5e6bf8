-- Citizen follow-through: ratings and 重办 levels, the rating sweep, repeat complaints,
-- "me too" supporters and the public board.

-- More of the folded state, for queues, the sweep, the board and statistics.
ALTER TABLE tickets ADD COLUMN level INTEGER NOT NULL DEFAULT 0;      -- 三级处置 0..3
ALTER TABLE tickets ADD COLUMN rating_due TIMESTAMP;                  -- set while a reply awaits rating
ALTER TABLE tickets ADD COLUMN rating TEXT;                           -- last rating code
ALTER TABLE tickets ADD COLUMN closed_unrated BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE tickets ADD COLUMN replied_at TIMESTAMP;                  -- last released reply
ALTER TABLE tickets ADD COLUMN supporters INTEGER NOT NULL DEFAULT 0; -- 附议 count

-- The rating sweep and the operator's 回访 queue.
CREATE INDEX tickets_rating_due ON tickets (rating_due);
-- The supervisor's reopened cases.
CREATE INDEX tickets_level ON tickets (level, reply_due);
-- The public board: consenting, not confidential, with a released reply, newest first.
CREATE INDEX tickets_board ON tickets (publish_consent, confidential, replied_at);
-- Repeat detection looks back 30 days by mobile, by category (nearby) and by street.
CREATE INDEX tickets_by_phone ON tickets (contact_phone, created_at);
CREATE INDEX tickets_by_category ON tickets (category, created_at);
CREATE INDEX tickets_by_street ON tickets (district, street, created_at);

-- Possible repeats (重复投诉) found when a case arrives; the operator confirms or dismisses.
CREATE TABLE repeat_links (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES tickets (id),  -- the new case
    earlier_id  INTEGER NOT NULL REFERENCES tickets (id),  -- the earlier one it may repeat
    reasons     TEXT NOT NULL,                             -- comma-separated codes
    department  TEXT,                                      -- the earlier case's department then
    status      TEXT NOT NULL DEFAULT 'pending',           -- pending, confirmed, dismissed
    decided_by  TEXT,
    decided_at  TIMESTAMP,
    UNIQUE (ticket_id, earlier_id)
);
CREATE INDEX repeat_links_pending ON repeat_links (status, ticket_id);
CREATE INDEX repeat_links_by_department ON repeat_links (status, department);

-- Citizens who joined a case (附议) instead of opening a new one. Each gets their own code
-- to follow it; only the reporter rates.
CREATE TABLE supporters (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES tickets (id),
    code_hash   TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX supporters_by_ticket ON supporters (ticket_id, code_hash);

-- Staff edits of what the public board shows (otherwise the redacted originals).
CREATE TABLE publications (
    ticket_id    INTEGER PRIMARY KEY REFERENCES tickets (id),
    request_text TEXT NOT NULL,
    reply_text   TEXT NOT NULL,
    hidden       BOOLEAN NOT NULL DEFAULT FALSE,
    edited_by    TEXT NOT NULL,
    edited_at    TIMESTAMP NOT NULL
);
