package io.huitong.ledger;

import io.huitong.testsupport.TestDatabases;
import io.huitong.testsupport.TestDatabases.TestDb;

class LedgerPostgresTest extends LedgerContract {
    @Override
    TestDb database() {
        return TestDatabases.postgres();
    }
}
