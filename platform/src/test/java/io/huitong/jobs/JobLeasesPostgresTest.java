package io.huitong.jobs;

import io.huitong.testsupport.TestDatabases;
import io.huitong.testsupport.TestDatabases.TestDb;

class JobLeasesPostgresTest extends JobLeasesContract {
    @Override
    TestDb database() {
        return TestDatabases.postgres();
    }
}
