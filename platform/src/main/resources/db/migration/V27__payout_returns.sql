-- A payout the bank paid and the beneficiary's bank sent back (ISO 20022 pacs.004, such as AC04: the account closed):
-- the bank's id of the return, which also names the return's entry on our account's statement and the ledger transfer
-- that puts the money back in the merchant's available balance. Set once: the same return pushed again changes nothing.
alter table payout add column return_reference varchar(35);

-- The same for a wallet withdrawal the bank paid and got back: the money goes back to the wallet.
alter table wallet_withdrawal add column return_reference varchar(35);
