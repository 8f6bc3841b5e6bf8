-- Measured at 200 000 tickets (bench/run queues): the supervisor's reopened queue read every
-- running case (72 ms) and a filtered board page every published one (98 ms). Partial
-- indexes hold only the rows those pages read; their conditions are the queries' own terms.
DROP INDEX tickets_level;
CREATE INDEX tickets_reopened ON tickets (clock_runs, reply_due) WHERE level > 0;
CREATE INDEX tickets_board_district ON tickets (district, created_at)
    WHERE publish_consent = TRUE AND confidential = FALSE AND replied_at IS NOT NULL;
CREATE INDEX tickets_board_category ON tickets (category, created_at)
    WHERE publish_consent = TRUE AND confidential = FALSE AND replied_at IS NOT NULL;
CREATE INDEX tickets_board_month ON tickets (created_at)
    WHERE publish_consent = TRUE AND confidential = FALSE AND replied_at IS NOT NULL;
