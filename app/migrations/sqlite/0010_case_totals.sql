-- Running totals the supervisor's page shows on every view (ratings of replies, replies closed
-- unrated, confirmed repeat complaints per department), kept by triggers in the same
-- transaction as every write of the rows they count, so that the page reads a few rows instead
-- of counting a million tickets. A row exists only while its count is above zero.
--   figure 'rating'           subject: the rating code      n: tickets whose last rating it is
--   figure 'closed_unrated'   subject: ''                   n: tickets closed without a rating
--   figure 'confirmed_repeat' subject: department or ''     n: confirmed repeat links
CREATE TABLE case_totals (
    figure  TEXT NOT NULL,
    subject TEXT NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (figure, subject)
);

INSERT INTO case_totals (figure, subject, n)
    SELECT 'rating', rating, COUNT(*) FROM tickets WHERE rating IS NOT NULL GROUP BY rating;
INSERT INTO case_totals (figure, subject, n)
    SELECT 'closed_unrated', '', COUNT(*) FROM tickets WHERE closed_unrated HAVING COUNT(*) > 0;
INSERT INTO case_totals (figure, subject, n)
    SELECT 'confirmed_repeat', COALESCE(department, ''), COUNT(*) FROM repeat_links
    WHERE status = 'confirmed' GROUP BY COALESCE(department, '');

-- One counted row leaving (old) and one arriving (new): each trigger below is these steps.
-- Tickets are never deleted (their events are append-only).
CREATE TRIGGER tickets_totals_insert AFTER INSERT ON tickets
WHEN NEW.rating IS NOT NULL OR NEW.closed_unrated
BEGIN
    INSERT OR IGNORE INTO case_totals (figure, subject, n)
        SELECT 'rating', NEW.rating, 0 WHERE NEW.rating IS NOT NULL;
    UPDATE case_totals SET n = n + 1 WHERE figure = 'rating' AND subject = NEW.rating;
    INSERT OR IGNORE INTO case_totals (figure, subject, n)
        SELECT 'closed_unrated', '', 0 WHERE NEW.closed_unrated;
    UPDATE case_totals SET n = n + 1 WHERE figure = 'closed_unrated' AND NEW.closed_unrated;
END;

CREATE TRIGGER tickets_totals_update AFTER UPDATE OF rating, closed_unrated ON tickets
WHEN OLD.rating IS NOT NEW.rating OR OLD.closed_unrated IS NOT NEW.closed_unrated
BEGIN
    UPDATE case_totals SET n = n - 1 WHERE figure = 'rating' AND subject = OLD.rating;
    UPDATE case_totals SET n = n - 1 WHERE figure = 'closed_unrated' AND OLD.closed_unrated;
    INSERT OR IGNORE INTO case_totals (figure, subject, n)
        SELECT 'rating', NEW.rating, 0 WHERE NEW.rating IS NOT NULL;
    UPDATE case_totals SET n = n + 1 WHERE figure = 'rating' AND subject = NEW.rating;
    INSERT OR IGNORE INTO case_totals (figure, subject, n)
        SELECT 'closed_unrated', '', 0 WHERE NEW.closed_unrated;
    UPDATE case_totals SET n = n + 1 WHERE figure = 'closed_unrated' AND NEW.closed_unrated;
    DELETE FROM case_totals WHERE n = 0 AND figure IN ('rating', 'closed_unrated');
END;

CREATE TRIGGER repeat_links_totals_insert AFTER INSERT ON repeat_links
WHEN NEW.status = 'confirmed'
BEGIN
    INSERT OR IGNORE INTO case_totals (figure, subject, n)
        VALUES ('confirmed_repeat', COALESCE(NEW.department, ''), 0);
    UPDATE case_totals SET n = n + 1
        WHERE figure = 'confirmed_repeat' AND subject = COALESCE(NEW.department, '');
END;

CREATE TRIGGER repeat_links_totals_update AFTER UPDATE OF status, department ON repeat_links
WHEN (OLD.status = 'confirmed') <> (NEW.status = 'confirmed')
    OR (NEW.status = 'confirmed' AND OLD.department IS NOT NEW.department)
BEGIN
    UPDATE case_totals SET n = n - 1
        WHERE figure = 'confirmed_repeat' AND subject = COALESCE(OLD.department, '')
        AND OLD.status = 'confirmed';
    INSERT OR IGNORE INTO case_totals (figure, subject, n)
        SELECT 'confirmed_repeat', COALESCE(NEW.department, ''), 0 WHERE NEW.status = 'confirmed';
    UPDATE case_totals SET n = n + 1
        WHERE figure = 'confirmed_repeat' AND subject = COALESCE(NEW.department, '')
        AND NEW.status = 'confirmed';
    DELETE FROM case_totals WHERE n = 0 AND figure = 'confirmed_repeat';
END;

CREATE TRIGGER repeat_links_totals_delete AFTER DELETE ON repeat_links
WHEN OLD.status = 'confirmed'
BEGIN
    UPDATE case_totals SET n = n - 1
        WHERE figure = 'confirmed_repeat' AND subject = COALESCE(OLD.department, '');
    DELETE FROM case_totals WHERE n = 0 AND figure = 'confirmed_repeat';
END;

-- The counts no longer read these.
DROP INDEX tickets_rating;
DROP INDEX tickets_closed_unrated;
