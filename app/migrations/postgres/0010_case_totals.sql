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
    n       BIGINT NOT NULL,
    PRIMARY KEY (figure, subject)
);

INSERT INTO case_totals (figure, subject, n)
    SELECT 'rating', rating, COUNT(*) FROM tickets WHERE rating IS NOT NULL GROUP BY rating;
INSERT INTO case_totals (figure, subject, n)
    SELECT 'closed_unrated', '', COUNT(*) FROM tickets WHERE closed_unrated HAVING COUNT(*) > 0;
INSERT INTO case_totals (figure, subject, n)
    SELECT 'confirmed_repeat', COALESCE(department, ''), COUNT(*) FROM repeat_links
    WHERE status = 'confirmed' GROUP BY COALESCE(department, '');

-- Adds the changes (figure, subject, +1 or -1) to the totals in key order (two writers lock
-- the same rows in the same order: no deadlock), dropping rows that reach zero.
CREATE FUNCTION case_totals_apply(changes case_totals[]) RETURNS void AS $$
BEGIN
    INSERT INTO case_totals AS t (figure, subject, n)
        SELECT figure, subject, SUM(n) FROM unnest(changes)
        WHERE subject IS NOT NULL GROUP BY figure, subject HAVING SUM(n) <> 0
        ORDER BY figure, subject
        ON CONFLICT (figure, subject) DO UPDATE SET n = t.n + EXCLUDED.n;
    DELETE FROM case_totals WHERE n = 0;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION tickets_totals() RETURNS trigger AS $$
DECLARE
    changes case_totals[] := '{}';
BEGIN
    -- Tickets are never deleted (their events are append-only).
    IF TG_OP = 'UPDATE' THEN
        changes := changes || ROW('rating', OLD.rating, -1)::case_totals;
        IF OLD.closed_unrated THEN
            changes := changes || ROW('closed_unrated', '', -1)::case_totals;
        END IF;
    END IF;
    changes := changes || ROW('rating', NEW.rating, 1)::case_totals;
    IF NEW.closed_unrated THEN
        changes := changes || ROW('closed_unrated', '', 1)::case_totals;
    END IF;
    PERFORM case_totals_apply(changes);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER tickets_totals_insert AFTER INSERT ON tickets FOR EACH ROW
    WHEN (NEW.rating IS NOT NULL OR NEW.closed_unrated) EXECUTE FUNCTION tickets_totals();
CREATE TRIGGER tickets_totals_update AFTER UPDATE OF rating, closed_unrated ON tickets FOR EACH ROW
    WHEN (OLD.rating IS DISTINCT FROM NEW.rating OR OLD.closed_unrated <> NEW.closed_unrated)
    EXECUTE FUNCTION tickets_totals();

CREATE FUNCTION repeat_links_totals() RETURNS trigger AS $$
DECLARE
    changes case_totals[] := '{}';
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'confirmed' THEN
        changes := changes || ROW('confirmed_repeat', COALESCE(OLD.department, ''), -1)::case_totals;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status = 'confirmed' THEN
        changes := changes || ROW('confirmed_repeat', COALESCE(NEW.department, ''), 1)::case_totals;
    END IF;
    PERFORM case_totals_apply(changes);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER repeat_links_totals AFTER INSERT OR DELETE OR UPDATE OF status, department
    ON repeat_links FOR EACH ROW EXECUTE FUNCTION repeat_links_totals();

-- The counts no longer read these.
DROP INDEX tickets_rating;
DROP INDEX tickets_closed_unrated;
