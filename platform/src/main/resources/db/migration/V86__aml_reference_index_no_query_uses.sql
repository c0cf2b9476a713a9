-- An index every card payment paid for and no query used: AML transactions are looked up by their source
-- (aml_transaction_source, unique), by customer and time (aml_transaction_customer), and by the reports that hold them;
-- never by reference alone.
drop index if exists aml_transaction_reference;
