-- Consumers' passkeys (WebAuthn): each consumer's random user handle, which discoverable passkeys give
-- back at login; the passkeys themselves (credential id and attested credential data in base64url: the
-- public key only, never a secret) with their signature counters; and the open ceremonies' challenges,
-- each answered at most once and only until it expires.
create table consumer_passkey_handle (
    user_id      varchar(40)  primary key references consumer (id),
    user_handle  varchar(100) not null
);
create unique index consumer_passkey_handle_value on consumer_passkey_handle (user_handle);

create table consumer_passkey (
    id               varchar(40)   primary key,
    user_id          varchar(40)   not null references consumer (id),
    credential_id    varchar(1400) not null,
    credential_data  varchar(4000) not null,
    sign_count       bigint        not null,
    transports       varchar(200),
    name             varchar(64),
    created_at       timestamp with time zone not null,
    last_used_at     timestamp with time zone
);
create unique index consumer_passkey_credential on consumer_passkey (credential_id);
create index consumer_passkey_user on consumer_passkey (user_id);

create table passkey_ceremony (
    id          varchar(40)  primary key,
    kind        varchar(20)  not null,
    user_id     varchar(40),
    challenge   varchar(100) not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null
);
create index passkey_ceremony_expiry on passkey_ceremony (expires_at);
