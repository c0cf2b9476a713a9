-- Background jobs once across nodes (io.huitong.jobs): ShedLock's lock table, one row per job. A node runs a job
-- only while it holds the job's row: lock_until in the future and locked_by its own id (host, process, a random
-- part: several nodes may share a host). The holder renews lock_until every third of the lease (seconds), so a
-- node that dies leaves its jobs within one lease. Times are the database's (ShedLock's usingDbTime: UTC on
-- PostgreSQL), never a node's clock.
create table shedlock (
    name        varchar(64)   primary key,
    lock_until  timestamp     not null,
    locked_at   timestamp     not null,
    locked_by   varchar(255)  not null
);
