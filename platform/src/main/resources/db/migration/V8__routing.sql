-- Routing rules: which payments each channel takes and what they cost there (GET/PUT /v1/admin/routing).
-- One row of routing holds the version of the whole set; a PUT bumps it (the update locks that row, so
-- concurrent PUTs follow one another) and replaces every routing_channel row in the same transaction.
-- Version 0 means no rules were ever stored: every configured channel takes every payment of its methods.
create table routing (
    id         integer     primary key,
    version    bigint      not null,
    updated_at timestamp with time zone
);
insert into routing (id, version, updated_at) values (1, 0, null);

create table routing_channel (
    name       varchar(40)  primary key,
    -- the rule's place in the set, as the PUT listed them
    position   integer      not null,
    enabled    boolean      not null,
    -- comma-separated: card, bank_transfer, ecny, qr
    methods    varchar(100) not null,
    -- comma-separated ISO 4217 codes; empty: every currency
    currencies varchar(400) not null,
    -- minor units, inclusive; null: no limit
    min_amount bigint,
    max_amount bigint,
    fee_bps    integer      not null,
    fee_fixed  bigint       not null
);
