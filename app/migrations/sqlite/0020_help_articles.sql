-- The knowledge base (知识库): articles per category (question, answer, responsible department,
-- valid until), edited by hotline staff. Every save is a new revision kept in `help_revisions`
-- (the history); `help_articles` holds the current one. A retired article stays for its history
-- and is found by no search. `length`: the sum of its words' weights in the index (0 once
-- retired).
CREATE TABLE help_articles (
    id          INTEGER PRIMARY KEY,
    category    TEXT NOT NULL,
    department  TEXT NOT NULL,
    question    TEXT NOT NULL,
    answer      TEXT NOT NULL,
    valid_until DATE,
    retired     BOOLEAN NOT NULL DEFAULT FALSE,
    length      BIGINT NOT NULL,
    revision    BIGINT NOT NULL,
    edited_by   TEXT NOT NULL,
    edited_at   TIMESTAMP NOT NULL
);
CREATE INDEX help_articles_category ON help_articles (category);
CREATE TABLE help_revisions (
    article_id  BIGINT NOT NULL REFERENCES help_articles (id),
    revision    BIGINT NOT NULL,
    category    TEXT NOT NULL,
    department  TEXT NOT NULL,
    question    TEXT NOT NULL,
    answer      TEXT NOT NULL,
    valid_until DATE,
    retired     BOOLEAN NOT NULL,
    edited_by   TEXT NOT NULL,
    edited_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (article_id, revision)
);
-- The search index: the words (jieba's, synonyms folded, stop words left out) of every article
-- that is not retired, with their weight in it and the article's length (BM25 needs both; kept
-- here so that a search reads this table alone). Rewritten with the article in one transaction.
-- A rowid table, as every other: `server migrate` pages through SQLite tables by rowid.
CREATE TABLE help_terms (
    term       TEXT NOT NULL,
    article_id BIGINT NOT NULL REFERENCES help_articles (id),
    weight     INTEGER NOT NULL,
    length     INTEGER NOT NULL,
    PRIMARY KEY (term, article_id)
);
CREATE INDEX help_terms_article ON help_terms (article_id);
