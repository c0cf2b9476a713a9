-- Risk control. Rules are versioned: every change writes a new version holding the whole set (risk_rule rows of
-- that version); the highest version is in force.
create table risk_rule_version (
    version      integer      primary key,
    change_note  varchar(200) not null,
    created_by   varchar(64)  not null,
    created_at   timestamp with time zone not null
);

create table risk_rule (
    version     integer       not null references risk_rule_version (version),
    rule_position integer       not null,
    id          varchar(64)   not null,
    name        varchar(200)  not null,
    expression  varchar(2000) not null,
    action      varchar(10)   not null,
    score       integer       not null,
    enabled     boolean       not null,
    mode        varchar(10)   not null,
    primary key (version, id),
    constraint risk_rule_action check (action in ('challenge', 'review', 'block')),
    constraint risk_rule_mode check (mode in ('active', 'dry_run'))
);

-- Block and allow lists. A card is listed by its fingerprint (HMAC-SHA256 under a key derived from the master
-- key), never by its number.
create table risk_list_entry (
    id          varchar(40)  primary key,
    list_type   varchar(16)  not null,
    entry_value varchar(128) not null,
    action      varchar(8)   not null,
    reason      varchar(500),
    created_by  varchar(64)  not null,
    created_at  timestamp with time zone not null,
    constraint risk_list_entry_type check (list_type in ('card', 'device', 'ip', 'user', 'merchant')),
    constraint risk_list_entry_action check (action in ('block', 'allow'))
);
create unique index risk_list_entry_value on risk_list_entry (list_type, entry_value);

-- Every decision taken: the payer's recent history for reviews.
create table risk_decision (
    reference         varchar(40)  not null,
    kind              varchar(24)  not null,
    merchant_id       varchar(40),
    user_id           varchar(40),
    card_fingerprint  varchar(64),
    device_id         varchar(128),
    ip                varchar(45),
    amount            bigint       not null,
    currency          varchar(3)   not null,
    decision          varchar(10)  not null,
    score             integer      not null,
    reasons           varchar(2000) not null,
    rule_version      integer      not null,
    created_at        timestamp with time zone not null
);
create index risk_decision_reference on risk_decision (reference);
create index risk_decision_card on risk_decision (card_fingerprint, created_at);
create index risk_decision_user on risk_decision (user_id, created_at);

-- What a dry-run rule would have decided, never acted upon.
create table risk_dry_run_hit (
    id            varchar(40)  primary key,
    rule_id       varchar(64)  not null,
    rule_version  integer      not null,
    action        varchar(10)  not null,
    reference     varchar(40)  not null,
    kind          varchar(24)  not null,
    amount        bigint       not null,
    currency      varchar(3)   not null,
    created_at    timestamp with time zone not null
);
create index risk_dry_run_hit_rule on risk_dry_run_hit (rule_id, created_at);

-- Movements held for an analyst's review, and every action taken on them (operator and time).
create table risk_review (
    id                varchar(40)  primary key,
    reference         varchar(40)  not null,
    kind              varchar(24)  not null,
    merchant_id       varchar(40),
    user_id           varchar(40),
    card_fingerprint  varchar(64),
    amount            bigint       not null,
    currency          varchar(3)   not null,
    score             integer      not null,
    reasons           varchar(2000) not null,
    status            varchar(10)  not null,
    decided_by        varchar(64),
    decided_at        timestamp with time zone,
    created_at        timestamp with time zone not null,
    constraint risk_review_status check (status in ('open', 'approved', 'rejected'))
);
create unique index risk_review_reference on risk_review (reference);
create index risk_review_status on risk_review (status, created_at);

create table risk_review_action (
    id          varchar(40)  primary key,
    review_id   varchar(40)  not null references risk_review (id),
    action      varchar(10)  not null,
    operator    varchar(64)  not null,
    note        varchar(500),
    created_at  timestamp with time zone not null
);
create index risk_review_action_review on risk_review_action (review_id, created_at);

-- The decision on each payment, as the payment object shows it.
alter table payment add column risk_decision varchar(10);
alter table payment add column risk_score integer;
alter table payment add column risk_reasons varchar(2000);
