-- A wallet's payment line now names the merchant it paid and how (payment_code or qr) when it is written, so the
-- AML record of a wallet-paid payment is complete at once: the table that matched a payment's event with the
-- wallet's line, whichever came second, is no longer used.
drop table aml_payment_merchant;
