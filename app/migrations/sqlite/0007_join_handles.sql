-- "Me too" joins a case by an unguessable handle, never by its (sequential) ticket number.
-- Only the public "similar reports near you" list hands handles out, and only of cases the
-- public may see.
ALTER TABLE tickets ADD COLUMN join_handle TEXT;
UPDATE tickets SET join_handle = lower(hex(randomblob(16))) WHERE join_handle IS NULL;
CREATE UNIQUE INDEX tickets_join_handle ON tickets (join_handle);
