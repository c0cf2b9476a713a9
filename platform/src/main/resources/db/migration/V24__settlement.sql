-- Settlement terms, settlement runs, settlements with their lines, and payouts.
--
-- A settlement line is a ledger movement of a merchant's pending balance (a payment with its fee, a refund, an
-- adjustment) that a settlement took up. Its key is the payment's id or the ledger transfer's id: the primary key
-- makes a movement settle once, across any number of runs, crashes and reruns.

alter table merchant add column settlement_currency char(3);

-- The merchant's settlement bank account: the number sealed (vault, bound to the merchant's id), its last four
-- digits for display.
create table merchant_bank_account (
    merchant_id    varchar(40)  primary key,
    bank_code      varchar(16)  not null,
    account_sealed varchar(400) not null,
    account_last4  varchar(4)   not null,
    account_name   varchar(140) not null,
    updated_at     timestamp with time zone not null
);

create table settlement_run (
    id             varchar(40)  primary key,
    business_date  date         not null,
    merchant_id    varchar(40),
    status         varchar(16)  not null,
    done           integer      not null,
    total          integer      not null,
    settlements    integer      not null,
    skipped        integer      not null,
    failure        varchar(500),
    requested_by   varchar(64)  not null,
    -- the business date of the automatic run: one per date across every node
    automatic_date date,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null
);
create unique index settlement_run_automatic on settlement_run (automatic_date);
create index settlement_run_status on settlement_run (status, id);

-- One row per merchant and currency of its pending balance: locked while that balance is settled, so runs of
-- the same merchant queue instead of racing; it keeps the negative balance carried forward and how far the
-- ledger was read.
create table settlement_position (
    merchant_id varchar(40) not null,
    currency    char(3)     not null,
    carried     bigint      not null,
    scanned_to  timestamp with time zone,
    primary key (merchant_id, currency)
);

create table settlement (
    id                 varchar(40)  primary key,
    merchant_id        varchar(40)  not null,
    run_id             varchar(40)  not null,
    business_date      date         not null,
    currency           char(3)      not null,
    gross              bigint       not null,
    fees               bigint       not null,
    refunds            bigint       not null,
    adjustments        bigint       not null,
    net                bigint       not null,
    source_currency    char(3)      not null,
    source_gross       bigint       not null,
    source_fees        bigint       not null,
    source_refunds     bigint       not null,
    source_adjustments bigint       not null,
    source_net         bigint       not null,
    carried_in         bigint       not null,
    carried_forward    bigint       not null,
    fx_rate            numeric(22, 10),
    lines_count        integer      not null,
    period_start       timestamp with time zone,
    period_end         timestamp with time zone,
    payout_id          varchar(40),
    status             varchar(20)  not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null
);
create index settlement_merchant on settlement (merchant_id, id);
create index settlement_by_run on settlement (run_id, id);

create table settlement_line (
    line_key      varchar(140) primary key,
    settlement_id varchar(40)  not null,
    kind          varchar(12)  not null,
    object_id     varchar(140) not null,
    currency      char(3)      not null,
    gross         bigint       not null,
    fee           bigint       not null,
    refund        bigint       not null,
    adjustment    bigint       not null,
    net           bigint       not null,
    happened_at   timestamp with time zone not null
);
create index settlement_line_settlement on settlement_line (settlement_id, happened_at, line_key);

create table payout (
    id              varchar(40)  primary key,
    merchant_id     varchar(40)  not null,
    settlement_id   varchar(40),
    amount          bigint       not null,
    currency        char(3)      not null,
    bank_code       varchar(16)  not null,
    account_sealed  varchar(400) not null,
    account_last4   varchar(4)   not null,
    account_name    varchar(140) not null,
    status          varchar(20)  not null,
    failure_code    varchar(40),
    failure_message varchar(300),
    bank_reference  varchar(128),
    requested_by    varchar(64)  not null,
    approval_id     varchar(40),
    arrival_date    date,
    resolve_after   timestamp with time zone,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    constraint payout_amount_positive check (amount > 0)
);
create unique index payout_settlement on payout (settlement_id);
create index payout_merchant on payout (merchant_id, id);
create index payout_unresolved on payout (status, resolve_after);

-- Settlement reads a merchant's pending balance movements by time.
create index ledger_entry_account_time on ledger_entry (account_id, created_at);
