-- Payments and refunds. Money moves only in the ledger; these rows hold the state machine and what the
-- API shows. The card number is stored sealed (AES-GCM, see the vault), never in clear.
create table payment (
    id                 varchar(40)   primary key,
    merchant_id        varchar(40)   not null,
    amount             bigint        not null,
    currency           char(3)       not null,
    status             varchar(24)   not null,
    capture_method     varchar(12)   not null,
    amount_capturable  bigint        not null,
    amount_received    bigint        not null,
    amount_refunded    bigint        not null,
    fee                bigint        not null,
    method_type        varchar(16)   not null,
    card_brand         varchar(16),
    card_last4         varchar(4),
    card_exp_month     integer,
    card_exp_year      integer,
    card_sealed        varchar(200),
    channel            varchar(40),
    authorization_code varchar(12),
    action_token       varchar(64),
    failure_code       varchar(40),
    failure_message    varchar(300),
    description        varchar(1000),
    metadata           varchar(40000),
    idempotency_key    varchar(255),
    resolve_after      timestamp with time zone,
    resolve_attempts   integer       not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    constraint payment_amounts check (amount > 0 and amount_capturable >= 0 and amount_received >= 0
        and amount_refunded >= 0 and amount_refunded <= amount_received and amount_received <= amount)
);
create index payment_merchant on payment (merchant_id, id);
create index payment_merchant_status on payment (merchant_id, status, id);
create unique index payment_idempotency on payment (merchant_id, idempotency_key);
create index payment_unresolved on payment (status, resolve_after);

create table refund (
    id               varchar(40)  primary key,
    merchant_id      varchar(40)  not null,
    payment_id       varchar(40)  not null,
    amount           bigint       not null,
    currency         char(3)      not null,
    status           varchar(12)  not null,
    reason           varchar(40),
    failure_code     varchar(40),
    channel          varchar(40)  not null,
    idempotency_key  varchar(255),
    resolve_after    timestamp with time zone,
    resolve_attempts integer      not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    constraint refund_amount_positive check (amount > 0)
);
create index refund_merchant on refund (merchant_id, id);
create index refund_payment on refund (payment_id, id);
create unique index refund_idempotency on refund (merchant_id, idempotency_key);
create index refund_unresolved on refund (status, resolve_after);
