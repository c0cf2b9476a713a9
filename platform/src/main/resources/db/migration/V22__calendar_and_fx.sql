-- The business-day calendar (Asia/Shanghai) the settlement counts T+N in. A year has a row once it is set, by the
-- data shipped with the platform (source 'shipped') or by an operator ('operator'); a year without one counts
-- weekends only. Replacing a year updates its row (which locks it), deletes its days and inserts the new ones, in
-- one transaction.
create table calendar_year (
    year_number integer     primary key,
    source      varchar(20) not null,
    -- the operator who set the year last ('huitong' for the shipped data)
    updated_by  varchar(64) not null,
    updated_at  timestamp with time zone not null
);

-- A public holiday, or a make-up working day (调休: a Saturday or Sunday that is worked). One row per date, so no
-- date is both. kind is 'holiday' or 'working_day'; it has no check constraint because H2 evaluates a check that
-- compares text with a constant through the session that created it, and fails every insert once that session
-- (the migration's connection) is closed.
create table calendar_day (
    on_date     date        primary key,
    year_number integer     not null references calendar_year (year_number),
    kind        varchar(12) not null
);
create index calendar_day_year on calendar_day (year_number);

-- Exchange rates, an append-only history: a new rate for a pair takes over from its effective_at (which may lie
-- ahead); nothing is updated or deleted. rate is units of quote per one unit of base, exact (never a float): up to
-- 12 digits before the point and 10 after.
create table fx_rate (
    id           varchar(40)    primary key,
    base         char(3)        not null,
    quote        char(3)        not null,
    rate         numeric(22, 10) not null,
    effective_at timestamp with time zone not null,
    created_at   timestamp with time zone not null,
    created_by   varchar(64)    not null,
    constraint fx_rate_positive check (rate > 0),
    constraint fx_rate_pair check (base <> quote)
);
-- the rate in force for a pair at an instant: the latest effective_at not after it
create index fx_rate_in_force on fx_rate (base, quote, effective_at);
