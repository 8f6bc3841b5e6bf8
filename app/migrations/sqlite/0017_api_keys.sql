-- Keys of the systems that file cases through Open311 (`server api-key create NAME`): only the
-- key's SHA-256 is kept; a revoked key stays listed and answers 403.
CREATE TABLE api_keys (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    key_hash   TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);

