-- Merchants, onboarded by an operator, and their secret API keys. A key is kept only as its SHA-256;
-- rotation adds a new key and gives the old ones an expiry (a grace period), it never edits a hash.
create table merchant (
    id                  varchar(40)  primary key,
    name                varchar(200) not null,
    email               varchar(254) not null,
    default_currency    char(3)      not null,
    settlement_schedule varchar(4)   not null,
    fee_percent_bps     integer      not null,
    fee_fixed           bigint       not null,
    status              varchar(16)  not null,
    created_at          timestamp with time zone not null
);

create table merchant_key (
    id          varchar(40) primary key,
    merchant_id varchar(40) not null references merchant (id),
    key_hash    varchar(64) not null,
    mode        varchar(8)  not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone
);

create unique index merchant_key_hash on merchant_key (key_hash);
create index merchant_key_merchant on merchant_key (merchant_id);
