-- The batches the AML evaluator has evaluated, counted as each takes the evaluator's lock: an instance that remembers
-- its customers' movements from its own last batch knows by it whether another instance evaluated meanwhile.
alter table aml_evaluator add column batches bigint not null default 0;
