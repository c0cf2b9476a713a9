package io.huitong.identity;

import io.huitong.testsupport.TestDatabases;

class LoginGuardH2Tests extends LoginGuardContract {

    @Override
    TestDatabases.TestDb database() {
        return TestDatabases.h2();
    }
}
