-- Idempotency fingerprints become keyed: HMAC-SHA256 under a key derived from the master key, with the
-- CVC left out. Until now a key's fingerprint was the plain SHA-256 of its request, body included: for a
-- card payment, whoever reads this table could find the card number and CVC by trying every number that
-- fits a known BIN and last four (about 10^5) with every CVC (10^3).
--
-- fingerprint_version says how a key's fingerprint was made:
--   0  plain SHA-256 of the request (before this migration);
--   1  erased: the SHA-256 is gone, 'erased' stands in its place;
--   2  keyed (HMAC-SHA256), written from now on.
-- The default is 0 so that a key written by an instance of an earlier release, still running during a
-- rolling upgrade, is known for what it is; the platform erases those as well (IdempotencyPurge).
alter table idempotency_key add column fingerprint_version smallint default 0 not null;

-- The stored fingerprints can't be keyed here (SQL does not know the master key), and keying them in the
-- application (an HMAC of each SHA-256) would still keep a hash of every CVC they cover, against "no CVC,
-- hashed or not, is kept after authorization". So they are erased, and every key is kept with its stored
-- answer: a retry within the promised 24 hours still gets the first answer replayed, without its body
-- being compared. For these keys only, and at most for the retention (48 hours), a different request
-- reusing one of them also gets the first answer replayed instead of a 422: it does not run, so nothing
-- is done twice. Refusing every retry of them instead (422) would invite clients to retry under a new key
-- and pay twice; deleting them would break the promise outright. A key still in flight whose instance
-- died is taken over by the next request under it, as by a retry, and gets that request's fingerprint.
-- On PostgreSQL the erased values remain in dead row versions until vacuum, and in WAL archives and
-- backups taken before this migration.
update idempotency_key set fingerprint = 'erased', fingerprint_version = 1;
