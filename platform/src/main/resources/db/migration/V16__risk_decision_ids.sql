-- Risk decisions get ids (time-ordered, rsd_...), so that operators can list them by user or card with cursors.
-- Decisions recorded before have none: they are found by their movement's reference only.
alter table risk_decision add column id varchar(40);
create unique index risk_decision_id on risk_decision (id);
create index risk_decision_user_id on risk_decision (user_id, id);
create index risk_decision_card_id on risk_decision (card_fingerprint, id);
-- dry-run hits and review cases are paged by id (time-ordered) as well
create index risk_dry_run_hit_rule_id on risk_dry_run_hit (rule_id, id);
create index risk_review_status_id on risk_review (status, id);
