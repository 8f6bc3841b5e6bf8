-- Submissions a client may send more than once (a draft kept on the phone and resent when the
-- connection returns): the keyed hash of the client's Idempotency-Key, a hash of what was sent
-- and the ticket it made, written in the ticket's transaction. A repeat with the same key and
-- content answers that ticket; other content under the same key is refused. Swept after 90
-- days (`services::intake::sweep_keys`).
CREATE TABLE intake_keys (
    key_hash    TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    ticket_id   BIGINT NOT NULL REFERENCES tickets (id),
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX intake_keys_created ON intake_keys (created_at);
