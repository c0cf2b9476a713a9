-- The merchant dashboard's overview (io.huitong.insights): payments rolled up per merchant, hour, currency and
-- payment method, for hours that have closed. hour_start is the hour's first instant (UTC hours are Asia/Shanghai's
-- hours: its offset is a whole +8 hours). The figures are of payments created in the hour: attempted (any status),
-- succeeded (count, and amount_received), and amount_refunded of them so far. Rows of an hour are replaced whole when
-- the hour is rolled again (after a refund or a late status change of one of its payments).
create table insights_hourly (
    merchant_id       varchar(40) not null,
    hour_start        timestamp with time zone not null,
    currency          char(3)     not null,
    method_type       varchar(16) not null,
    attempted         bigint      not null,
    succeeded_count   bigint      not null,
    succeeded_amount  bigint      not null,
    refunded_amount   bigint      not null,
    primary key (merchant_id, hour_start, currency, method_type)
);

-- How far the rollup is: every hour before rolled_until is in insights_hourly (the overview reads the payment table
-- itself from there on), and changes to payments and refunds up to scanned_until were looked at. One row, locked by
-- the pass that rolls, so that two nodes never roll at once.
create table insights_rollup_state (
    id             integer primary key,
    rolled_until   timestamp with time zone,
    scanned_until  timestamp with time zone,
    passed_at      timestamp with time zone
);
insert into insights_rollup_state (id, rolled_until, scanned_until, passed_at) values (1, null, null, null);
