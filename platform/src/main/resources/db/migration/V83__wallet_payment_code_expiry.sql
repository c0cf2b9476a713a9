-- Payment codes are forgotten a day after they expire (the wallet resolver's pass, PaymentCodes.purgeExpired): found
-- through their expiry, oldest first.
create index wallet_payment_code_expiry on wallet_payment_code (expires_at);
