package io.huitong.identity;

import io.huitong.testsupport.TestDatabases;

class OperatorKeysPostgresTests extends OperatorKeysTests {

    @Override
    TestDatabases.TestDb newDatabase() {
        return TestDatabases.postgres();
    }
}
