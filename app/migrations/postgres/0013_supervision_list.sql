-- The supervisor's 督办 list (storage/queues.rs, Queue::Supervised) is every supervised case and
-- every case still unsatisfied after the last level: a few thousand of a million. Neither
-- column's own index tells the planner so (a boolean has two values), and it scanned the table
-- (600 ms at 1 000 000 cases, on every supervisor page for the tab's count). This index holds
-- just those rows; the queue's WHERE is written exactly as its condition.
CREATE INDEX tickets_supervision_list ON tickets (supervision_due, id)
    WHERE supervised = TRUE OR status = 'unresolved';
