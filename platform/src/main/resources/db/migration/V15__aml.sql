-- Anti-money-laundering (PBoC Order [2016] No. 3 as the reference). Every settled money movement is
-- normalised into one aml_transaction, written in the transaction of the movement itself (the payment's
-- event, the wallet's history line), so none is lost and none is recorded for a movement rolled back.
-- An evaluator then applies the large-value and suspicious-pattern rules to what is not evaluated yet
-- and keeps one aml_report per type, rule, customer and business day (Asia/Shanghai), updated, not
-- duplicated, as more transactions arrive that day.

create table aml_transaction (
    id            varchar(40)  primary key,
    -- what it was made from: one record per source (wallet line, payment, refund, or a channel's own reference)
    source_ref    varchar(120) not null,
    -- card_payment, bank_transfer_payment, ecny_payment, refund, wallet_transfer, wallet_topup,
    -- wallet_withdrawal, wallet_payment, qr_payment, payment_code_payment, wallet_refund, cash_deposit, ...
    kind          varchar(40)  not null,
    -- the customer whose account it is: a consumer's user id, a merchant id, or a card / bank account reference
    customer      varchar(200) not null,
    -- 'individual' or 'organisation'
    customer_type varchar(20)  not null,
    -- 'debit' (funds leave the customer's account) or 'credit'
    direction     varchar(10)  not null,
    counterparty  varchar(200),
    merchant_id   varchar(40),
    -- the business object behind it (wtr_, top_, pay_, re_, wdr_ ...)
    reference     varchar(120),
    amount        bigint       not null,
    currency      char(3)      not null,
    cross_border  boolean      not null,
    cash          boolean      not null,
    occurred_at   timestamp with time zone not null,
    business_day  date         not null,
    evaluated     boolean      not null,
    created_at    timestamp with time zone not null
);
create unique index aml_transaction_source on aml_transaction (source_ref);
create index aml_transaction_customer on aml_transaction (customer, occurred_at);
create index aml_transaction_pending on aml_transaction (evaluated, id);
create index aml_transaction_reference on aml_transaction (reference);

-- Which merchant a wallet-paid payment (qr, payment_code) went to: the payment's event names the merchant,
-- the wallet's line names the consumer; whichever comes second completes the other.
create table aml_payment_merchant (
    payment_id  varchar(40) primary key,
    merchant_id varchar(40) not null,
    kind        varchar(40) not null
);

create table aml_report (
    id            varchar(40)  primary key,
    -- 'large_value' or 'suspicious'
    type          varchar(20)  not null,
    -- large value: cash, individual_transfer, individual_cross_border_transfer, organisation_transfer;
    -- suspicious: structuring, rapid_in_out, dormant_reactivated, fan_in, fan_out, round_amounts
    rule          varchar(40)  not null,
    customer      varchar(200) not null,
    customer_type varchar(20)  not null,
    business_day  date         not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);
create unique index aml_report_key on aml_report (type, rule, customer, business_day);
create index aml_report_type on aml_report (type, id);
create index aml_report_customer on aml_report (customer, id);

create table aml_report_transaction (
    report_id      varchar(40) not null references aml_report (id),
    transaction_id varchar(40) not null references aml_transaction (id),
    primary key (report_id, transaction_id)
);

-- One row the evaluator locks while it works: instances evaluate one at a time.
create table aml_evaluator (
    name       varchar(40) primary key,
    last_run   timestamp with time zone
);
insert into aml_evaluator (name) values ('evaluator');
