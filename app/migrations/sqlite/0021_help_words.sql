-- What a knowledge-base search reads besides the postings, kept by triggers in the same
-- transaction as every write of the rows they count, so that a search reads a few rows instead
-- of counting hundreds of thousands of postings (issue 15: p99 < 20 ms over 10 000 articles):
--   help_words   how many articles hold each word (BM25's document frequency); a row exists
--                only while its count is above zero
--   help_totals  one row (id 1): the articles in the index (not retired) and the sum of their
--                lengths (BM25's mean length); it exists only while that is not zero
-- and an index holding every column of a word's postings, so that a search finds the best few
-- postings of a word thousands of articles hold from the index alone.
CREATE TABLE help_words (
    term     TEXT PRIMARY KEY,
    articles INTEGER NOT NULL
);
CREATE TABLE help_totals (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    articles INTEGER NOT NULL,
    length   INTEGER NOT NULL
);
CREATE INDEX help_terms_best ON help_terms (term, weight, length, article_id);

INSERT INTO help_words (term, articles) SELECT term, COUNT(*) FROM help_terms GROUP BY term;
INSERT INTO help_totals (id, articles, length)
    SELECT 1, COUNT(*), COALESCE(SUM(length), 0) FROM help_articles WHERE NOT retired
    HAVING COUNT(*) > 0;

CREATE TRIGGER help_terms_insert AFTER INSERT ON help_terms
BEGIN
    INSERT OR IGNORE INTO help_words (term, articles) VALUES (NEW.term, 0);
    UPDATE help_words SET articles = articles + 1 WHERE term = NEW.term;
END;

CREATE TRIGGER help_terms_delete AFTER DELETE ON help_terms
BEGIN
    UPDATE help_words SET articles = articles - 1 WHERE term = OLD.term;
    DELETE FROM help_words WHERE term = OLD.term AND articles = 0;
END;

CREATE TRIGGER help_articles_insert AFTER INSERT ON help_articles
BEGIN
    INSERT OR IGNORE INTO help_totals (id, articles, length) VALUES (1, 0, 0);
    UPDATE help_totals SET articles = articles + (NOT NEW.retired), length = length + NEW.length
        WHERE id = 1;
    DELETE FROM help_totals WHERE articles = 0 AND length = 0;
END;

CREATE TRIGGER help_articles_update AFTER UPDATE ON help_articles
BEGIN
    INSERT OR IGNORE INTO help_totals (id, articles, length) VALUES (1, 0, 0);
    UPDATE help_totals SET articles = articles + (NOT NEW.retired) - (NOT OLD.retired),
        length = length + NEW.length - OLD.length
        WHERE id = 1;
    DELETE FROM help_totals WHERE articles = 0 AND length = 0;
END;
