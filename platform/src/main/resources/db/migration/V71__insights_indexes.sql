-- Indexes of the merchant dashboard (io.huitong.insights) and of GET /v1/payments' filters.
--
-- A merchant's payments by creation time: the overview's live part (the open hour), rolling an hour of a merchant
-- again, and created_gte / created_lte.
create index payment_merchant_created on payment (merchant_id, created_at, id);
-- method and card_last4 filters, newest first (ids sort by creation time)
create index payment_merchant_method on payment (merchant_id, method_type, id);
create index payment_merchant_last4 on payment (merchant_id, card_last4, id);
-- the rollup's "what changed since the last pass": payments by updated_at (a status change), refunds by theirs (a
-- refund raises its payment's amount_refunded without touching the payment's updated_at)
create index payment_updated on payment (updated_at);
create index refund_updated on refund (updated_at);
