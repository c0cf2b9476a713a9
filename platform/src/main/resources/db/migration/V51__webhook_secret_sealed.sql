-- Webhook signing secrets are sealed by the vault (bound to their endpoint's id) instead of kept in clear: the sealed
-- form is longer. Secrets kept in clear before this are sealed by the platform at its next start.
alter table webhook_endpoint alter column secret set data type varchar(400);
