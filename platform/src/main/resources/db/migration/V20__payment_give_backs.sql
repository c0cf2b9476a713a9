-- A payer's money that reached us after their payment had failed or was canceled (an order paid as it expired) is
-- given back through the channel that took it. The row is written in the transaction that finds the late payment, so
-- that a crash or a channel that does not answer loses nothing; the resolver carries it out and retries until the
-- channel answers. The id is the reference the channel knows the return by.
create table payment_give_back (
    id                varchar(40)  primary key,
    payment_id        varchar(40)  not null,
    channel           varchar(40)  not null,
    amount            bigint       not null,
    currency          char(3)      not null,
    channel_reference varchar(128),
    status            varchar(12)  not null,
    failure_code      varchar(40),
    resolve_after     timestamp with time zone,
    resolve_attempts  integer      not null,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    constraint payment_give_back_amount_positive check (amount > 0)
);
create index payment_give_back_payment on payment_give_back (payment_id);
create index payment_give_back_due on payment_give_back (status, resolve_after);
