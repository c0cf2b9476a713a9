-- One resident ID verifies one account: the keyed fingerprint (HMAC under a key derived from the master key) of the
-- ID number makes it unique without keeping it in clear. Rows verified before this are fingerprinted at start-up by
-- the platform, which holds the key; two accounts found with one ID keep theirs empty and are logged for operators.
alter table consumer_verification add column id_number_fingerprint varchar(64);
create unique index consumer_verification_id_number on consumer_verification (id_number_fingerprint);
