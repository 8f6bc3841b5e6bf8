-- Progress messages (SMS) to citizens: whether the case's citizen wants them (a mobile left
-- and the form's opt-out not ticked) and the language of the form, then one outbox row per
-- event that sends one, written in the event's transaction and sent by the outbox worker.
ALTER TABLE tickets ADD COLUMN progress_sms BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE tickets ADD COLUMN locale TEXT NOT NULL DEFAULT 'zh-CN';
CREATE TABLE sms_outbox (
    id         INTEGER PRIMARY KEY,
    ticket_id  BIGINT NOT NULL REFERENCES tickets (id),
    event_id   BIGINT NOT NULL UNIQUE REFERENCES ticket_events (id),
    progress   TEXT NOT NULL,
    mobile     TEXT NOT NULL,
    body       TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'pending',
    attempts   BIGINT NOT NULL DEFAULT 0,
    next_at    TIMESTAMP NOT NULL,
    written_at TIMESTAMP NOT NULL,
    sent_at    TIMESTAMP,
    last_error TEXT
);
CREATE INDEX sms_outbox_due ON sms_outbox (status, next_at);
CREATE INDEX sms_outbox_ticket ON sms_outbox (ticket_id);
CREATE INDEX sms_outbox_mobile ON sms_outbox (mobile, sent_at);
