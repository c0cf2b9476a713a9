-- Payouts a settlement run sends together go to the bank as one pain.001, whose message id (also its payment
-- information id) is the batch's reference; the bank is asked to book the batch as one entry of our account's
-- statement, named by that reference, and reconciliation pairs the entry with the batch's payouts. Set before the batch
-- is sent, so that sending it again after no answer sends the same message; null for a payout sent alone.
alter table payout add column batch_reference varchar(35);
create index payout_batch on payout (batch_reference);
