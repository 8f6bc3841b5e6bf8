-- Hotspots of any period, read from a few thousand rows: how many accepted cases each place
-- (a category at a street) received each month (YYYY-MM, Beijing), kept with figure_cases
-- (storage/figures.rs: moved in the transaction of every event that writes a case's row,
-- recomputed by a rebuild). A period's whole months are read here, the days around them from
-- figure_cases (at most two runs shorter than a month).
CREATE TABLE figure_places (
    month    TEXT NOT NULL,
    category TEXT NOT NULL,
    district TEXT NOT NULL,
    street   TEXT NOT NULL,
    cases    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, category, district, street)
);
INSERT INTO figure_places (month, category, district, street, cases)
SELECT substr(received_day, 1, 7), category, district, street, COUNT(*)
FROM figure_cases WHERE accepted
GROUP BY substr(received_day, 1, 7), category, district, street;
