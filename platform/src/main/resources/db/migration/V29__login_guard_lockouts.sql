-- Locks of a key in a row (each within a window of the last): a client address's lock doubles with each.
alter table login_guard add column lockouts integer not null default 0;
