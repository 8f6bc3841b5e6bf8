-- Confirmed repeats (重复投诉) are stored with the days' figures like every other count: each
-- case confirmed as a repeat adds one on the day it was received, in its department, district,
-- category and channel, written with the repeat decision (and moved with the case by every
-- event). They were counted from the links on every read: every confirmed link of all time,
-- several times per page. The stored figures are emptied here, so the server rebuilds them
-- from the events and the links when it starts (services::figures::rebuild_if_incomplete).
ALTER TABLE figure_days ADD COLUMN repeats_num BIGINT NOT NULL DEFAULT 0;
DELETE FROM figure_deadlines;
DELETE FROM figure_days;
DELETE FROM figure_cases;
