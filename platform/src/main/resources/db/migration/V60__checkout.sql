-- Hosted checkout (docs/checkout.md): a merchant's checkout session, the page a payer opens at its url, and the
-- merchant's coupons a payer may enter on it.
--
-- A coupon: amount_off (in currency's minor units) or percent_off (whole percent, 1 to 99); claimed counts the
-- redemptions reserved or made (a payment started with the coupon that has not failed), times_redeemed those whose
-- payment succeeded. A payment starting with the coupon raises claimed only while it is below max_redemptions, in
-- one guarded update, so that two payers at once never both take the last redemption.
create table coupon (
    id                         varchar(40)   primary key,
    merchant_id                varchar(40)   not null,
    code                       varchar(64)   not null,
    amount_off                 bigint,
    percent_off                integer,
    currency                   varchar(3),
    minimum_amount             bigint,
    valid_from                 timestamp with time zone,
    valid_until                timestamp with time zone,
    max_redemptions            integer,
    max_redemptions_per_payer  integer,
    claimed                    integer       not null default 0,
    times_redeemed             integer       not null default 0,
    created_at                 timestamp with time zone not null,
    constraint coupon_code_unique unique (merchant_id, code),
    constraint coupon_one_discount check ((amount_off is null) <> (percent_off is null)),
    constraint coupon_amount_off_currency check (amount_off is null or currency is not null),
    constraint coupon_claimed_within check (claimed >= 0 and (max_redemptions is null or claimed <= max_redemptions))
);

-- A checkout session. status: open, complete (its payment succeeded), expired (expires_at passed while open; stored
-- once noticed). attempt numbers the payments tried: each takes the idempotency key <id>:<attempt>, and a failed
-- or canceled one moves the session to the next. coupon_id and amount_discount: the coupon the payer entered.
create table checkout_session (
    id               varchar(40)    primary key,
    merchant_id      varchar(40)    not null,
    status           varchar(16)    not null,
    amount           bigint         not null,
    currency         varchar(3)     not null,
    description      varchar(1000),
    line_items       varchar(40000),
    success_url      varchar(2048)  not null,
    cancel_url       varchar(2048)  not null,
    allowed_methods  varchar(200)   not null,
    metadata         varchar(40000),
    coupon_id        varchar(40)    references coupon (id),
    amount_discount  bigint         not null default 0,
    attempt          integer        not null default 1,
    payment_id       varchar(40),
    payment_method   varchar(20),
    expires_at       timestamp with time zone not null,
    completed_at     timestamp with time zone,
    created_at       timestamp with time zone not null
);
create index checkout_session_merchant on checkout_session (merchant_id, id);
create index checkout_session_payment on checkout_session (payment_id);

-- A coupon's use by one payment attempt of a session: reserved when the payment starts, redeemed when it succeeds,
-- released when it fails or is canceled. payer: who the per-payer limit counts (a wallet user, a card's keyed
-- fingerprint, a bank account's), or null when the method names nobody before paying.
create table coupon_redemption (
    id          varchar(40)   primary key,
    coupon_id   varchar(40)   not null references coupon (id),
    session_id  varchar(40)   not null references checkout_session (id),
    attempt     integer       not null,
    payer       varchar(128),
    status      varchar(16)   not null,
    created_at  timestamp with time zone not null,
    constraint coupon_redemption_attempt unique (session_id, attempt)
);
create index coupon_redemption_payer on coupon_redemption (coupon_id, payer);
