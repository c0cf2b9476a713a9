package io.huitong.vault;

import io.huitong.testsupport.TestDatabases;

class KeyringH2Tests extends KeyringTests {

    @Override
    TestDatabases.TestDb newDatabase() {
        return TestDatabases.h2();
    }
}
