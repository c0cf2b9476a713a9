-- An operator created with roles that wait for a security administrator's approval can't log in until approved.
alter table operator_account drop constraint operator_account_status;
alter table operator_account add constraint operator_account_status check (status in ('active', 'disabled', 'pending'));
