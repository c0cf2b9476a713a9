package io.huitong.jobs;

import io.huitong.testsupport.TestDatabases;
import io.huitong.testsupport.TestDatabases.TestDb;

/** The embedded default: one node, but the same table and statements (ShedLock's H2 dialect, the database's clock). */
class JobLeasesH2Test extends JobLeasesContract {
    @Override
    TestDb database() {
        return TestDatabases.h2();
    }
}
