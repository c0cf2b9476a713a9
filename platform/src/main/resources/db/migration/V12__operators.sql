-- Operators: accounts with roles (Argon2id password hashes, never the password; the TOTP secret sealed by
-- the vault), and their sessions (only the token's SHA-256). Failed logins are counted in login_guard,
-- under keys of their own (operator-account:..., operator-address:...).
create table operator_account (
    id                     varchar(40)  primary key,
    email                  varchar(254) not null,
    name                   varchar(64)  not null,
    -- comma-separated: admin, risk_analyst, finance, auditor, support
    roles                  varchar(200) not null,
    password_hash          varchar(200) not null,
    status                 varchar(16)  not null,
    totp_secret            varchar(500),
    -- the time step of the last code accepted: a code is never accepted twice
    totp_last_step         bigint,
    pending_totp_secret    varchar(500),
    enrollment_token_hash  varchar(64),
    enrollment_expires_at  timestamp with time zone,
    created_at             timestamp with time zone not null,
    updated_at             timestamp with time zone not null,
    constraint operator_account_status check (status in ('active', 'disabled'))
);
create unique index operator_account_email on operator_account (email);
create unique index operator_account_enrollment on operator_account (enrollment_token_hash);

create table operator_session (
    id           varchar(40)  primary key,
    token_hash   varchar(64)  not null,
    operator_id  varchar(40)  not null references operator_account (id),
    client       varchar(64),
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null,
    revoked_at   timestamp with time zone
);
create unique index operator_session_token on operator_session (token_hash);
create index operator_session_operator on operator_session (operator_id);
