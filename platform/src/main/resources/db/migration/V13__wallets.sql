-- Consumers' wallets. The money itself is in the ledger (usr_x:wallet:CNY, a liability that cannot go
-- negative); these tables hold the wallet's state, its history as the consumer sees it, top-ups,
-- transfers, payment codes and withdrawals.
create table wallet (
    id          varchar(40) primary key,
    user_id     varchar(40) not null,
    status      varchar(10) not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null
);
create unique index wallet_user on wallet (user_id);

-- One line of a wallet's history; amount is signed (money out is negative). reference names the
-- business object behind it (wtr_, top_, pay_, re_, wdr_): one line per wallet, type and reference.
create table wallet_txn (
    id            varchar(40) primary key,
    wallet_id     varchar(40) not null references wallet (id),
    type          varchar(20) not null,
    amount        bigint      not null,
    currency      char(3)     not null,
    status        varchar(20) not null,
    counterparty  varchar(200),
    reference     varchar(64) not null,
    created_at    timestamp with time zone not null
);
create index wallet_txn_wallet on wallet_txn (wallet_id, id);
create unique index wallet_txn_reference on wallet_txn (wallet_id, type, reference);
create index wallet_txn_ref on wallet_txn (reference);

create table wallet_transfer (
    id              varchar(40) primary key,
    from_wallet_id  varchar(40) not null references wallet (id),
    to_wallet_id    varchar(40) not null references wallet (id),
    amount          bigint      not null,
    currency        char(3)     not null,
    note            varchar(200),
    created_at      timestamp with time zone not null
);

create table wallet_topup (
    id               varchar(40) primary key,
    wallet_id        varchar(40) not null references wallet (id),
    amount           bigint      not null,
    currency         char(3)     not null,
    status           varchar(20) not null,
    payment_id       varchar(40),
    failure_code     varchar(60),
    failure_message  varchar(500),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create index wallet_topup_wallet on wallet_topup (wallet_id, created_at);
create index wallet_topup_status on wallet_topup (status);

-- A payment code is valid once and for a minute; only its SHA-256 is stored.
create table wallet_payment_code (
    code_hash   varchar(64) primary key,
    wallet_id   varchar(40) not null references wallet (id),
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone,
    payment_id  varchar(40)
);
create index wallet_payment_code_wallet on wallet_payment_code (wallet_id);

create table wallet_withdrawal (
    id               varchar(40) primary key,
    wallet_id        varchar(40) not null references wallet (id),
    amount           bigint      not null,
    currency         char(3)     not null,
    status           varchar(20) not null,
    bank_code        varchar(12) not null,
    account_last4    varchar(4)  not null,
    account_name     varchar(140) not null,
    failure_code     varchar(60),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create index wallet_withdrawal_status on wallet_withdrawal (status);

-- The wallets module's own settings, such as the internal merchant that takes card top-ups.
create table wallet_setting (
    name   varchar(60)  primary key,
    setting_value  varchar(200) not null
);
