package io.huitong.identity;

import io.huitong.testsupport.TestDatabases;

class OperatorKeysH2Tests extends OperatorKeysTests {

    @Override
    TestDatabases.TestDb newDatabase() {
        return TestDatabases.h2();
    }
}
