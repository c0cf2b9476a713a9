package io.huitong.identity;

import io.huitong.testsupport.TestDatabases;

class LoginGuardPostgresTests extends LoginGuardContract {

    @Override
    TestDatabases.TestDb database() {
        return TestDatabases.postgres();
    }
}
