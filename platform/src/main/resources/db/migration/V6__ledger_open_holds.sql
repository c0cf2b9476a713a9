-- Holds that are still open, with their expiry: the expirer reads only these, so its work no longer
-- grows with the number of transfers ever made. A row is added with its hold and removed, in the same
-- transaction, when the hold is posted, voided or expired; transfers themselves are never edited.
create table ledger_open_hold (
    transfer_id varchar(128) primary key,
    expires_at  timestamp with time zone not null
);
create index ledger_open_hold_expiry on ledger_open_hold (expires_at, transfer_id);

insert into ledger_open_hold (transfer_id, expires_at)
select t.id, t.expires_at from ledger_transfer t
where t.kind = 'PENDING' and t.expires_at is not null
  and not exists (select 1 from ledger_transfer r where r.pending_id = t.id);
