-- Merchant users: a merchant's own staff on its dashboard (/merchant), each with one role (owner, developer, finance,
-- support). Invited by an operator or an owner: only the SHA-256 of the invitation's token is kept, until it is accepted
-- (a password, kept as its Argon2id hash, and a TOTP secret sealed by the vault) or replaced. Emails are unique among all
-- merchants' staff, as a login names nothing but the email. Failed logins are counted in login_guard under keys of
-- their own (merchant-user-account:..., merchant-user-address:...).
create table merchant_user (
    id                     varchar(40)  primary key,
    merchant_id            varchar(40)  not null references merchant (id),
    email                  varchar(254) not null,
    role                   varchar(16)  not null,
    status                 varchar(16)  not null,
    password_hash          varchar(200),
    totp_secret            varchar(500),
    -- the time step of the last code accepted: a code is never accepted twice
    totp_last_step         bigint,
    pending_totp_secret    varchar(500),
    invitation_hash        varchar(64),
    invitation_expires_at  timestamp with time zone,
    -- an operator's id (op_..., admin) or an owner's (musr_...)
    invited_by             varchar(64)  not null,
    created_at             timestamp with time zone not null,
    updated_at             timestamp with time zone not null,
    last_login_at          timestamp with time zone,
    constraint merchant_user_role check (role in ('owner', 'developer', 'finance', 'support')),
    constraint merchant_user_status check (status in ('invited', 'active', 'disabled'))
);
create unique index merchant_user_email on merchant_user (email);
create unique index merchant_user_invitation on merchant_user (invitation_hash);
create index merchant_user_merchant on merchant_user (merchant_id, id);

-- A dashboard session: only the token's SHA-256. It ends when revoked (logout, the user disabled), after session-idle
-- without use (last_seen_at) and at expires_at at the latest.
create table merchant_user_session (
    id            varchar(40) primary key,
    token_hash    varchar(64) not null,
    user_id       varchar(40) not null references merchant_user (id),
    merchant_id   varchar(40) not null,
    client        varchar(64),
    created_at    timestamp with time zone not null,
    last_seen_at  timestamp with time zone not null,
    expires_at    timestamp with time zone not null,
    revoked_at    timestamp with time zone
);
create unique index merchant_user_session_token on merchant_user_session (token_hash);
create index merchant_user_session_user on merchant_user_session (user_id);

-- A merchant's settings of its dashboard, set by its owners: the largest refund a support user may make (minor units).
-- No row: the default (DashboardSettings.DEFAULT_SUPPORT_REFUND_LIMIT).
create table merchant_dashboard (
    merchant_id           varchar(40) primary key references merchant (id),
    support_refund_limit  bigint      not null,
    updated_at            timestamp with time zone not null,
    constraint merchant_dashboard_limit check (support_refund_limit >= 0)
);
