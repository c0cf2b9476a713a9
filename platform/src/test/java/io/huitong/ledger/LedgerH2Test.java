package io.huitong.ledger;

import io.huitong.testsupport.TestDatabases;
import io.huitong.testsupport.TestDatabases.TestDb;

class LedgerH2Test extends LedgerContract {
    @Override
    TestDb database() {
        return TestDatabases.h2();
    }
}
