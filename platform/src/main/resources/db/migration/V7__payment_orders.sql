-- Payments by bank transfer, e-CNY and wallet-operator QR: the payer's account as shown (never the full
-- number), the channel's own id of the order, the QR payload the merchant shows, and when the order expires.
alter table payment add column payer_bank_code varchar(16);
alter table payment add column payer_last4 varchar(4);
alter table payment add column payer_name varchar(140);
alter table payment add column channel_reference varchar(128);
alter table payment add column qr_payload varchar(1024);
alter table payment add column action_expires_at timestamp with time zone;
