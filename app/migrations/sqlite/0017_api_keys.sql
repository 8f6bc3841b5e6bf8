-- Keys of the systems that file cases through Open311 (`server api-key create NAME`): only the
-- key's SHA-256 is kept; a revoked key stays listed and answers 403.
CREATE TABLE api_keys (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    key_hash   TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);

-- The answer to an Open311 request filed through a key: a token (random, only its SHA-256
-- kept) that the key's system exchanges for the case's public id once the case is published.
CREATE TABLE open311_tokens (
    token_hash TEXT PRIMARY KEY,
    ticket_id  BIGINT NOT NULL REFERENCES tickets (id),
    api_key_id BIGINT NOT NULL REFERENCES api_keys (id),
    created_at TIMESTAMP NOT NULL
);
