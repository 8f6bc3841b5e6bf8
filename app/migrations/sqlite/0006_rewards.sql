-- Snap and report (随手拍) with rewards (有奖举报): photo fingerprints, reporter accounts
-- (市民通), staff verification, the points ledger and payout batches.

-- Every stored photo keeps the SHA-256 of the upload as received and a 64-bit perceptual
-- hash of the upright picture (older photos have none).
ALTER TABLE ticket_photos ADD COLUMN original_sha256 TEXT;
ALTER TABLE ticket_photos ADD COLUMN phash INTEGER;
CREATE INDEX ticket_photos_by_original ON ticket_photos (original_sha256);

-- Registered reporters. The real name and payout account are given only to claim a payout.
CREATE TABLE reporters (
    id             INTEGER PRIMARY KEY,
    mobile         TEXT NOT NULL UNIQUE,      -- verified by a one-time code
    nickname       TEXT NOT NULL UNIQUE,      -- shown on public lists
    password_hash  TEXT NOT NULL,             -- argon2id PHC string
    real_name      TEXT,
    payout_account TEXT,                      -- normalised (no spaces, upper case)
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX reporters_by_payout_account ON reporters (payout_account);

CREATE TABLE reporter_sessions (
    token_hash  TEXT PRIMARY KEY,             -- SHA-256 of the cookie token, hex
    reporter_id INTEGER NOT NULL REFERENCES reporters (id),
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL
);
CREATE INDEX reporter_sessions_by_reporter ON reporter_sessions (reporter_id);

-- One live one-time code per mobile number: a new request replaces it; using it deletes it.
CREATE TABLE mobile_codes (
    mobile     TEXT PRIMARY KEY,
    code_hash  TEXT NOT NULL,                 -- HMAC of mobile ":" code, hex
    attempts   INTEGER NOT NULL DEFAULT 0,    -- wrong guesses so far
    sent_at    TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

-- A snap report: a ticket sent from /snap, its reporter (none: anonymous, earns nothing)
-- and the verifier's verdict.
CREATE TABLE snaps (
    ticket_id       INTEGER PRIMARY KEY REFERENCES tickets (id),
    reporter_id     INTEGER REFERENCES reporters (id),
    snap_category   TEXT NOT NULL,
    exact_repeat_of INTEGER REFERENCES tickets (id),  -- an earlier ticket with the same upload
    verdict         TEXT,                             -- NULL (to verify), valid, invalid, duplicate
    verdict_note    TEXT NOT NULL DEFAULT '',
    verified_by     TEXT,
    verified_at     TIMESTAMP,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX snaps_to_verify ON snaps (created_at) WHERE verdict IS NULL;
CREATE INDEX snaps_by_reporter ON snaps (reporter_id, created_at);

-- Near-duplicate photos found when the snap arrived, for the verifier.
CREATE TABLE snap_matches (
    ticket_id      INTEGER NOT NULL REFERENCES tickets (id),
    position       INTEGER NOT NULL,                  -- the new photo
    earlier_photo  INTEGER NOT NULL REFERENCES ticket_photos (id),
    distance       INTEGER NOT NULL,                  -- Hamming distance of the hashes
    PRIMARY KEY (ticket_id, position, earlier_photo)
);

CREATE TABLE payout_batches (
    id             INTEGER PRIMARY KEY,
    fen_per_point  INTEGER NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    paid_by        TEXT,
    paid_at        TIMESTAMP
);

-- The points ledger, append-only. Balances are sums over it. An award is one verified snap
-- (at most one per ticket); a payout row takes paid points off when a batch is marked paid.
CREATE TABLE points_ledger (
    id          INTEGER PRIMARY KEY,
    reporter_id INTEGER NOT NULL REFERENCES reporters (id),
    kind        TEXT NOT NULL,                -- award, payout
    points      INTEGER NOT NULL,             -- award > 0, payout < 0
    ticket_id   INTEGER UNIQUE REFERENCES tickets (id),
    batch_id    INTEGER REFERENCES payout_batches (id),
    day         TEXT NOT NULL,                -- Beijing day the snap was made (caps), YYYY-MM-DD
    at          TIMESTAMP NOT NULL,
    CHECK ((kind = 'award' AND points > 0 AND ticket_id IS NOT NULL AND batch_id IS NULL)
        OR (kind = 'payout' AND points < 0 AND ticket_id IS NULL AND batch_id IS NOT NULL))
);
CREATE INDEX points_ledger_by_reporter ON points_ledger (reporter_id, kind, day);
CREATE INDEX points_ledger_awards_by_day ON points_ledger (day) WHERE kind = 'award';
CREATE UNIQUE INDEX points_ledger_one_payout ON points_ledger (batch_id, reporter_id) WHERE kind = 'payout';
CREATE TRIGGER points_ledger_no_update BEFORE UPDATE ON points_ledger
BEGIN SELECT RAISE(ABORT, 'points_ledger is append-only'); END;
CREATE TRIGGER points_ledger_no_delete BEFORE DELETE ON points_ledger
BEGIN SELECT RAISE(ABORT, 'points_ledger is append-only'); END;

-- Which awards a batch pays. The primary key is the guarantee that the same points never
-- enter two batches, whatever requests run at once.
CREATE TABLE payout_items (
    award_id  INTEGER PRIMARY KEY REFERENCES points_ledger (id),
    batch_id  INTEGER NOT NULL REFERENCES payout_batches (id)
);
CREATE INDEX payout_items_by_batch ON payout_items (batch_id);
CREATE TRIGGER payout_items_no_update BEFORE UPDATE ON payout_items
BEGIN SELECT RAISE(ABORT, 'payout_items is append-only'); END;
CREATE TRIGGER payout_items_no_delete BEFORE DELETE ON payout_items
BEGIN SELECT RAISE(ABORT, 'payout_items is append-only'); END;
