-- The supervisor's page counts ratings and unrated closings on every view: served by
-- indexes instead of reading every ticket.
CREATE INDEX tickets_rating ON tickets (rating);
CREATE INDEX tickets_closed_unrated ON tickets (closed_unrated);
