-- Consumers' second factor, QR login and real-name verification.

-- A TOTP authenticator (RFC 6238): the secret sealed by the vault, never in the clear. It is pending from
-- setup until the consumer confirms it with a valid code. last_step is the 30-second step of the last
-- code accepted: a code of that step or an earlier one is refused (replay).
create table consumer_totp (
    user_id      varchar(40)  primary key references consumer (id),
    secret       varchar(200) not null,
    status       varchar(16)  not null,
    last_step    bigint,
    created_at   timestamp with time zone not null,
    enabled_at   timestamp with time zone
);

-- One-time recovery codes: SHA-256 of a per-code salt and the code, never the code. used_at set once.
create table consumer_recovery_code (
    id          varchar(40)  primary key,
    user_id     varchar(40)  not null references consumer (id),
    salt        varchar(64)  not null,
    code_hash   varchar(64)  not null,
    created_at  timestamp with time zone not null,
    used_at     timestamp with time zone
);
create index consumer_recovery_code_user on consumer_recovery_code (user_id);

-- QR login: the page that created it holds the poll token, the phone that scans it the nonce; only the
-- SHA-256 of each is stored. status: pending, approved (by user_id), consumed (the session was handed out).
create table consumer_login_qr (
    id               varchar(40)  primary key,
    nonce_hash       varchar(64)  not null,
    poll_token_hash  varchar(64)  not null,
    status           varchar(16)  not null,
    user_id          varchar(40)  references consumer (id),
    created_at       timestamp with time zone not null,
    expires_at       timestamp with time zone not null,
    approved_at      timestamp with time zone,
    consumed_at      timestamp with time zone
);

-- Real-name verification: name and resident ID number sealed by the vault (bound to the consumer).
create table consumer_verification (
    user_id      varchar(40)  primary key references consumer (id),
    name         varchar(400) not null,
    id_number    varchar(400) not null,
    verified_at  timestamp with time zone not null
);
