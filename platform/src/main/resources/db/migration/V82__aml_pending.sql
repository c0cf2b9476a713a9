-- The movements the AML evaluator has still to look at, one narrow row each, deleted once evaluated. A flag on the
-- movement's own row was rewritten with all five of its index entries when the movement was evaluated.
create table aml_pending (
    id varchar(40) primary key
);
insert into aml_pending (id) select id from aml_transaction where evaluated = false;
drop index aml_transaction_pending;
alter table aml_transaction drop column evaluated;
