-- An account without balance limits spreads its totals over its own row and seven shard rows, which
-- writers update without locking the account. From now on each row keeps each side (posted plus
-- pending) within a limit of its own, checked by the database as the row is updated: 2^60 - 1 for a
-- shard row, 2^60 + 6 for the account's row, eight limits adding up to 2^63 - 1, so that the account's
-- total fits in a bigint however many writers add to it at once. Before, one transfer could put more
-- than that on one row. This spreads the totals of any such account evenly over its rows, as the ledger
-- does when it writes with all of an account's rows locked: each shard row gets an eighth of each side,
-- the account's row the rest. Totals themselves don't change, nor does any entry. An account whose
-- totals are already beyond a bigint is left as it is: the ledger check reports it.

create table ledger_spread_v18 (
    id  varchar(128) primary key,
    dpe bigint not null,
    dpo bigint not null,
    cpe bigint not null,
    cpo bigint not null
);

insert into ledger_spread_v18 (id, dpe, dpo, cpe, cpo)
select t.id, cast(t.dpe as bigint), cast(t.dpo as bigint), cast(t.cpe as bigint), cast(t.cpo as bigint)
from (
    select a.id,
           a.debits_pending + coalesce(sum(s.debits_pending), 0) as dpe,
           a.debits_posted + coalesce(sum(s.debits_posted), 0) as dpo,
           a.credits_pending + coalesce(sum(s.credits_pending), 0) as cpe,
           a.credits_posted + coalesce(sum(s.credits_posted), 0) as cpo
    from ledger_account a
    left join ledger_account_shard s on s.account_id = a.id
    where a.flags = 0
      and (cast(a.debits_posted as numeric(20)) + a.debits_pending > 1152921504606846982
           or cast(a.credits_posted as numeric(20)) + a.credits_pending > 1152921504606846982
           or exists (select 1 from ledger_account_shard x where x.account_id = a.id
                      and (cast(x.debits_posted as numeric(20)) + x.debits_pending > 1152921504606846975
                           or cast(x.credits_posted as numeric(20)) + x.credits_pending > 1152921504606846975)))
    group by a.id, a.debits_pending, a.debits_posted, a.credits_pending, a.credits_posted
) t
where t.dpo between 0 and 9223372036854775807 and t.cpo between 0 and 9223372036854775807
  and t.dpe between -9223372036854775808 and 9223372036854775807
  and t.cpe between -9223372036854775808 and 9223372036854775807
  and t.dpo + t.dpe between 0 and 9223372036854775807
  and t.cpo + t.cpe between 0 and 9223372036854775807;

insert into ledger_account_shard (account_id, shard)
select p.id, n.shard
from ledger_spread_v18 p
cross join (select 1 as shard union all select 2 union all select 3 union all select 4
            union all select 5 union all select 6 union all select 7) n
where not exists (select 1 from ledger_account_shard x where x.account_id = p.id and x.shard = n.shard);

-- a shard row: an eighth of the posted total, and an eighth of the side less that as pending
update ledger_account_shard
set debits_posted = (select p.dpo / 8 from ledger_spread_v18 p where p.id = ledger_account_shard.account_id),
    debits_pending = (select (p.dpo + p.dpe) / 8 - p.dpo / 8 from ledger_spread_v18 p where p.id = ledger_account_shard.account_id),
    credits_posted = (select p.cpo / 8 from ledger_spread_v18 p where p.id = ledger_account_shard.account_id),
    credits_pending = (select (p.cpo + p.cpe) / 8 - p.cpo / 8 from ledger_spread_v18 p where p.id = ledger_account_shard.account_id)
where account_id in (select id from ledger_spread_v18);

-- the account's row: the rest
update ledger_account
set debits_posted = (select p.dpo - 7 * (p.dpo / 8) from ledger_spread_v18 p where p.id = ledger_account.id),
    debits_pending = (select p.dpe - 7 * ((p.dpo + p.dpe) / 8 - p.dpo / 8) from ledger_spread_v18 p where p.id = ledger_account.id),
    credits_posted = (select p.cpo - 7 * (p.cpo / 8) from ledger_spread_v18 p where p.id = ledger_account.id),
    credits_pending = (select p.cpe - 7 * ((p.cpo + p.cpe) / 8 - p.cpo / 8) from ledger_spread_v18 p where p.id = ledger_account.id)
where id in (select id from ledger_spread_v18);

drop table ledger_spread_v18;
