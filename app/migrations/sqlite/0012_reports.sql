-- 周通报 (weekly bulletins) and 月排名 (monthly rankings) as published: the report is kept as
-- it was generated (model/figures/report.rs, as JSON), so that what was circulated can be read
-- again later even though late ratings still change the period's figures. Generating one
-- again replaces it.
CREATE TABLE reports (
    kind         TEXT NOT NULL,     -- 'bulletin' or 'ranking'
    period       TEXT NOT NULL,     -- 2026-W48, 2026-11
    generated_at TIMESTAMP NOT NULL,
    body         TEXT NOT NULL,
    PRIMARY KEY (kind, period)
);
