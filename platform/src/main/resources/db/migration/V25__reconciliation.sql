-- Reconciliation: a channel's statement of one business date against the ledger.
--
-- A reconciliation is one statement as imported (its lines) and the outcome of matching it with our records of the same
-- channel and date, which are the ledger's (the posted entries of the channel's clearing account): the lines the same
-- day's records matched by reference are counted (matched), and everything else is an item: a unit (a reference with
-- its statement lines and our records) matched some other way, or a break operators work through.
-- A channel and date has one current reconciliation (current_key set); another statement for them supersedes it,
-- and the superseded one stays as it was, for the record.

create table reconciliation (
    id             varchar(40)  primary key,
    channel        varchar(40)  not null,
    business_date  date         not null,
    format         varchar(24)  not null,
    status         varchar(16)  not null,
    -- channel and date while this is their current reconciliation, null once superseded: one current per channel and date
    current_key    varchar(60),
    -- SHA-256 of the statement's content as read (its lines and balances): the same statement again is the same reconciliation
    content_hash   varchar(64)  not null,
    supersedes     varchar(40),
    superseded_by  varchar(40),
    lines_total    bigint       not null,
    done           bigint       not null,
    -- statement lines the same day's records matched by our reference; other matches are items
    matched        bigint       not null default 0,
    -- a bank statement's balances and movements (camt.053), in its currency; null for other statements
    currency       char(3),
    opening        bigint,
    closing        bigint,
    credits        bigint,
    debits         bigint,
    -- the same day's movements of our clearing account, as the ledger had them when matched
    ledger_credits bigint,
    ledger_debits  bigint,
    failure        varchar(500),
    requested_by   varchar(64)  not null,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    constraint reconciliation_status check (status in ('matching', 'completed', 'failed', 'superseded'))
);
create unique index reconciliation_current on reconciliation (current_key);
create index reconciliation_by_channel on reconciliation (channel, business_date, id);

-- One row per statement line, as read. amount is signed: positive moves money to the platform, negative away
-- from it; a failed line moved nothing, whatever its amount says. duplicate marks a line repeating an earlier line
-- of the same statement (same reference, and a reversal only repeats a reversal).
create table reconciliation_line (
    reconciliation_id  varchar(40)  not null,
    line_no            bigint       not null,
    reference          varchar(128) not null,
    channel_reference  varchar(128),
    original_reference varchar(128),
    kind               varchar(128) not null,
    reversal           boolean      not null,
    failed             boolean      not null,
    amount             bigint       not null,
    currency           char(3)      not null,
    fee                bigint       not null,
    occurred_at        timestamp with time zone,
    duplicate          boolean      not null default false
);
-- one index only, which millions of lines a day pay for: a statement's lines by reference (matching groups them so),
-- and a reference's lines on the channel's other statements
create index reconciliation_line_by_reference on reconciliation_line (reconciliation_id, reference, line_no);

-- What matching found, but for the same day's matches by reference, which are only counted. line_key and record_key
-- are the references of the statement lines and of our records the item stands for (null for the side it has none
-- of); reference and channel_reference are what operators see; our_amount and channel_amount what each side moved.
-- status is null for matched items, 'open' or 'resolved' for breaks; origin_date is the business date the
-- difference arose on (a timing break ages from it).
create table reconciliation_item (
    id                 varchar(48)  primary key,
    reconciliation_id  varchar(40)  not null,
    class              varchar(24)  not null,
    matched_by         varchar(24),
    reference          varchar(255),
    channel_reference  varchar(128),
    line_key           varchar(128),
    record_key         varchar(255),
    our_amount         bigint,
    channel_amount     bigint,
    currency           char(3),
    lines              bigint       not null,
    first_line         bigint,
    origin_date        date         not null,
    status             varchar(12),
    resolution         varchar(16),
    resolved_by        varchar(64),
    note               varchar(500),
    correction         varchar(128),
    approval_id        varchar(40),
    resolved_at        timestamp with time zone,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    constraint reconciliation_item_status check (status is null or status in ('open', 'resolved'))
);
create index reconciliation_item_by_class on reconciliation_item (reconciliation_id, class, id);
create index reconciliation_item_line on reconciliation_item (line_key, reconciliation_id);
create index reconciliation_item_record on reconciliation_item (record_key, reconciliation_id);
create index reconciliation_item_open on reconciliation_item (status, class, origin_date);

-- Scratch space of one matching: what the same-day match by reference did not pair (L: lines with no record of the day,
-- R: records with no line, P: a line and records that disagree), each with what its side moved, which the later
-- passes (other statements, the channel's reference, amount and time) work through. Emptied when done.
create table reconciliation_leftover (
    reconciliation_id  varchar(40)  not null,
    side               char(1)      not null,
    reference          varchar(255) not null,
    channel_reference  varchar(128),
    line_net           bigint,
    line_currency      char(3),
    line_mixed         boolean,
    flagged            boolean,
    lines              bigint       not null,
    first_line         bigint,
    line_epoch         bigint,
    our_net            bigint,
    our_currency       char(3),
    our_mixed          boolean,
    our_epoch          bigint,
    primary key (reconciliation_id, side, reference)
);
