-- A payment request's idempotency lives in the payment's own row: the insert that records the intent claims the key
-- (the unique index on merchant and key), and the answer the request got is written with the outcome, in the same
-- transaction. request_fingerprint is the keyed fingerprint of the request (HMAC under a key derived from the master
-- key, the CVC left out); request_id the id of the request that created the payment. answer_status: null when no
-- key was given, 0 while the request that created the payment has not answered, else the status it answered (201,
-- or 402 for a declined payment, whose error is rebuilt from the row); answer_body the JSON of a 201.
alter table payment add column request_fingerprint varchar(64);
alter table payment add column request_id varchar(40);
alter table payment add column answer_status integer;
alter table payment add column answer_body varchar(100000);
