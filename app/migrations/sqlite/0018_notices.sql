-- Notices (公告) of water, power, gas or heating cuts, road closures and events, published by
-- hotline staff. `places` and `categories` are comma-separated codes of the city file (district
-- or street; category group or leaf; no category: every category). `seen` counts the times a
-- citizen's report form or /snap showed the notice.
CREATE TABLE notices (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    places       TEXT NOT NULL,
    categories   TEXT NOT NULL,
    starts_at    TIMESTAMP NOT NULL,
    ends_at      TIMESTAMP NOT NULL,
    body         TEXT NOT NULL,
    published_by TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    withdrawn_by TEXT,
    withdrawn_at TIMESTAMP,
    seen         BIGINT NOT NULL DEFAULT 0,
    CHECK (ends_at > starts_at)
);
CREATE INDEX notices_ends ON notices (ends_at);
-- Reports filed while a notice that covers them held, linked for staff; `seen`: the citizen's
-- form had shown the notice before they sent it.
CREATE TABLE notice_cases (
    notice_id BIGINT NOT NULL REFERENCES notices (id),
    ticket_id BIGINT NOT NULL REFERENCES tickets (id),
    seen      BOOLEAN NOT NULL,
    PRIMARY KEY (notice_id, ticket_id)
);
CREATE INDEX notice_cases_ticket ON notice_cases (ticket_id);
