-- Consumers: accounts (Argon2id password hashes, never the password), sessions (only the token's SHA-256),
-- and the login guard's counters of failed logins per account and per client address.
create table consumer (
    id            varchar(40)  primary key,
    phone         varchar(20)  not null,
    password_hash varchar(200) not null,
    name          varchar(64)  not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);
create unique index consumer_phone on consumer (phone);

create table consumer_session (
    id          varchar(40)  primary key,
    token_hash  varchar(64)  not null,
    user_id     varchar(40)  not null references consumer (id),
    client      varchar(64),
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    revoked_at  timestamp with time zone
);
create unique index consumer_session_token on consumer_session (token_hash);
create index consumer_session_user on consumer_session (user_id);

create table login_guard (
    guard_key     varchar(100) primary key,
    failures      integer      not null,
    window_start  timestamp with time zone,
    locked_until  timestamp with time zone
);
