-- Two-person approval: an action waiting for other operators (approval), and each operator's vote on it
-- (approval_vote). An operator votes at most once on an approval; the primary key holds that even if two
-- of their votes race. details is JSON text, shown to approvers; it never holds a secret.
create table approval (
    id              varchar(40)   primary key,
    action          varchar(64)   not null,
    object_type     varchar(64)   not null,
    object_id       varchar(64)   not null,
    requested_by    varchar(64)   not null,
    -- comma-separated API names of the roles that may decide (admin always may); empty: admin only
    approver_roles  varchar(200)  not null,
    required        integer       not null,
    status          varchar(10)   not null,
    details         varchar(8000) not null,
    created_at      timestamp with time zone not null,
    decided_at      timestamp with time zone,
    constraint approval_status check (status in ('pending', 'approved', 'rejected')),
    constraint approval_required check (required between 1 and 10),
    constraint approval_decided check ((status = 'pending') = (decided_at is null))
);
create index approval_by_status on approval (status, id);
create index approval_by_object on approval (object_type, object_id, id);

create table approval_vote (
    approval_id  varchar(40)  not null references approval (id),
    operator     varchar(64)  not null,
    vote         varchar(10)  not null,
    note         varchar(500),
    created_at   timestamp with time zone not null,
    constraint approval_vote_once primary key (approval_id, operator),
    constraint approval_vote_kind check (vote in ('approve', 'reject'))
);
