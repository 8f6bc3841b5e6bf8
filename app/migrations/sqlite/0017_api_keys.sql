-- Keys of the systems that file cases through Open311 (`server api-key create NAME`): only the
-- key's SHA-256 is kept; a revoked key stays listed and answers 403, and its name may be given
-- to a new key (the partner's channel keeps its name when a leaked key is replaced).
CREATE TABLE api_keys (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    key_hash   TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE UNIQUE INDEX api_keys_live_name ON api_keys (name) WHERE revoked_at IS NULL;
