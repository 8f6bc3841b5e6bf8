-- What a knowledge-base search reads besides the postings, kept by triggers in the same
-- transaction as every write of the rows they count, so that a search reads a few rows instead
-- of counting hundreds of thousands of postings (issue 15: p99 < 20 ms over 10 000 articles):
--   help_words   how many articles hold each word (BM25's document frequency); a row exists
--                only while its count is above zero
--   help_totals  one row (id 1): the articles in the index (not retired) and the sum of their
--                lengths (BM25's mean length); it exists only while that is not zero
-- (A word's postings, best first, come from help_terms' primary key alone: it includes every
-- column a search reads.)
-- No deadlock between two staff saving at once: every write of an article's words follows the
-- write of its row in help_articles in the same transaction, whose trigger (on every insert and
-- update, changed or not) locks help_totals' one row first; writers of the index take turns.
CREATE TABLE help_words (
    term     TEXT PRIMARY KEY,
    articles BIGINT NOT NULL
);
CREATE TABLE help_totals (
    id       BIGINT PRIMARY KEY CHECK (id = 1),
    articles BIGINT NOT NULL,
    length   BIGINT NOT NULL
);

INSERT INTO help_words (term, articles) SELECT term, COUNT(*) FROM help_terms GROUP BY term;
INSERT INTO help_totals (id, articles, length)
    SELECT 1, COUNT(*), COALESCE(SUM(length), 0) FROM help_articles WHERE NOT retired
    HAVING COUNT(*) > 0;

CREATE FUNCTION help_terms_words() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO help_words AS w (term, articles) VALUES (NEW.term, 1)
            ON CONFLICT (term) DO UPDATE SET articles = w.articles + 1;
    ELSE
        UPDATE help_words SET articles = articles - 1 WHERE term = OLD.term;
        DELETE FROM help_words WHERE term = OLD.term AND articles = 0;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER help_terms_words AFTER INSERT OR DELETE ON help_terms FOR EACH ROW
    EXECUTE FUNCTION help_terms_words();

CREATE FUNCTION help_articles_totals() RETURNS trigger AS $$
DECLARE
    d_articles BIGINT := CASE WHEN NEW.retired THEN 0 ELSE 1 END;
    d_length   BIGINT := NEW.length;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        d_articles := d_articles - CASE WHEN OLD.retired THEN 0 ELSE 1 END;
        d_length := d_length - OLD.length;
    END IF;
    INSERT INTO help_totals AS t (id, articles, length) VALUES (1, d_articles, d_length)
        ON CONFLICT (id) DO UPDATE
        SET articles = t.articles + EXCLUDED.articles, length = t.length + EXCLUDED.length;
    DELETE FROM help_totals WHERE articles = 0 AND length = 0;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER help_articles_totals AFTER INSERT OR UPDATE ON help_articles FOR EACH ROW
    EXECUTE FUNCTION help_articles_totals();
