-- A running deadline carries its case's slices (department, district, category, channel), so
-- that the deadlines passed in a period are counted per key from one covering index, without
-- joining every running deadline to its case on each read (a year's page read them five
-- times). Written with the case's row (storage/figures.rs), in the same transaction.
ALTER TABLE figure_deadlines ADD COLUMN department TEXT NOT NULL DEFAULT '';
ALTER TABLE figure_deadlines ADD COLUMN district TEXT NOT NULL DEFAULT '';
ALTER TABLE figure_deadlines ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE figure_deadlines ADD COLUMN channel TEXT NOT NULL DEFAULT '';
UPDATE figure_deadlines SET
    department = COALESCE((SELECT c.department FROM figure_cases c WHERE c.ticket_id = figure_deadlines.ticket_id), ''),
    district = COALESCE((SELECT c.district FROM figure_cases c WHERE c.ticket_id = figure_deadlines.ticket_id), ''),
    category = COALESCE((SELECT c.category FROM figure_cases c WHERE c.ticket_id = figure_deadlines.ticket_id), ''),
    channel = COALESCE((SELECT c.channel FROM figure_cases c WHERE c.ticket_id = figure_deadlines.ticket_id), '');
DROP INDEX figure_deadlines_by_day;
CREATE INDEX figure_deadlines_by_day
    ON figure_deadlines (day, due, deadline, department, district, category, channel);
