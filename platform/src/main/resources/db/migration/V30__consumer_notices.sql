-- Messages to a consumer shown in their app, such as a sign-up attempt with their phone number.
create table consumer_notice (
    id         varchar(40)  primary key,
    user_id    varchar(40)  not null references consumer (id),
    kind       varchar(40)  not null,
    message    varchar(500) not null,
    created_at timestamp    not null
);
create index consumer_notice_user on consumer_notice (user_id, id);
