-- Periodic jobs (rating sweep, expired sessions and codes, orphan photos) run once across all
-- instances of a deployment: an instance runs a job only while it holds the job's lease.
CREATE TABLE job_leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,      -- the instance (random id chosen at start)
    expires_at TIMESTAMP NOT NULL  -- the lease lapses then, if its holder stopped
);
