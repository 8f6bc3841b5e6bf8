-- One account stack for staff and reporters: one-time code limits that outlive a code,
-- the per-account sign-in throttle, the addresses an account signed in from, one-time
-- codes bound to their purpose, and payout details copied into the batch.

-- Requests for a code and failed code entries per mobile and Beijing day (YYYY-MM-DD).
-- Counted with one conditional UPDATE each, so parallel requests cannot pass a cap; the row
-- outlives the codes themselves (a new code does not restart the count).
CREATE TABLE code_counters (
    mobile        TEXT NOT NULL,
    day           TEXT NOT NULL,
    requests      INTEGER NOT NULL DEFAULT 0,   -- code requests accepted (at most one SMS each)
    failures      INTEGER NOT NULL DEFAULT 0,   -- code entries that did not match
    last_request  INTEGER NOT NULL DEFAULT 0,   -- unix ms of the last accepted request
    PRIMARY KEY (mobile, day)
);

-- What a live code is for (registration, password reset, payout details): a code sent for
-- one purpose does not work for another. Older codes (none) expire within minutes anyway.
ALTER TABLE mobile_codes ADD COLUMN purpose TEXT NOT NULL DEFAULT 'registration';

-- Failed sign-ins per account (staff username or reporter mobile), keyed by an HMAC of the
-- kind and name so the table holds no usernames or mobiles. Each attempt from an address the
-- account never signed in from takes the next slot, which moves away exponentially.
CREATE TABLE signin_throttle (
    account_key   TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    next_at       INTEGER NOT NULL,             -- unix ms: the next attempt from a new address
    updated_at    INTEGER NOT NULL              -- unix ms of the last attempt
);

-- Addresses an account signed in from (HMAC of kind, name and address): these pass the
-- per-account throttle, so guessing from elsewhere cannot lock the real user out.
CREATE TABLE signin_addresses (
    address_key   TEXT PRIMARY KEY,
    last_ok_at    INTEGER NOT NULL              -- unix ms
);

-- The real name and payout account of each paid award, as they were when the batch was made
-- (older batches have none: their sheet shows the reporter's current details).
ALTER TABLE payout_items ADD COLUMN real_name TEXT;
ALTER TABLE payout_items ADD COLUMN payout_account TEXT;

CREATE INDEX staff_sessions_by_expiry ON staff_sessions (expires_at);
CREATE INDEX reporter_sessions_by_expiry ON reporter_sessions (expires_at);
