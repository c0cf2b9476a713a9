-- Indexes every payment paid for and no query used.
-- A transfer's expiry is looked up in ledger_open_hold (V6), which holds only the open holds.
drop index if exists ledger_transfer_expiry;
-- A card's or a consumer's decision history is listed newest first by id, as their decision pages are: ids grow with
-- time, and (card_fingerprint, id) and (user_id, id) serve both.
drop index if exists risk_decision_card;
drop index if exists risk_decision_user;
