-- Wallet classes as the PBoC's payment-account classes (《非银行支付机构网络支付业务管理办法》, 2015): a consumer's
-- verification is made of independent channels, each a row here; the wallet's class follows from them (one external
-- channel: class I; three: class II; five, or face to face: class III). checked_by: 'provider' when the deployment's
-- service for that channel confirmed the elements, 'form' when none is configured and only their form was checked,
-- 'operator' for a face-to-face verification (operator_id: who recorded it), 'unknown' for a verification recorded
-- before channels were. detail is masked (a card's last four digits, a phone number's ends); nothing in clear.
create table consumer_verification_channel (
    user_id      varchar(40) not null references consumer (id),
    channel      varchar(30) not null,
    checked_by   varchar(10) not null,
    detail       varchar(40),
    operator_id  varchar(40),
    verified_at  timestamp with time zone not null,
    primary key (user_id, channel)
);

-- Every verification so far was a name and resident ID checked as the public-security channel checks them.
insert into consumer_verification_channel (user_id, channel, checked_by, verified_at)
    select user_id, 'public_security', 'unknown', verified_at from consumer_verification;

-- What a wallet paid from its balance and transferred to others (and withdrew to accounts not its holder's own), CNY
-- minor units, less what refunds and failed withdrawals gave back: in all since it opened (class I's measure) and in
-- the calendar year outflow_year_of (Asia/Shanghai; classes II and III). Kept on the wallet's row, which every movement
-- out locks first, so that concurrent movements are counted one at a time. Null on wallets opened before: the first
-- movement out counts their history once.
alter table wallet add column outflow_total bigint;
alter table wallet add column outflow_year bigint;
alter table wallet add column outflow_year_of integer;

-- Whether a withdrawal counted against the class (its account was not in the holder's verified name): its failure or
-- return gives the amount back.
alter table wallet_withdrawal add column counted boolean default false not null;
