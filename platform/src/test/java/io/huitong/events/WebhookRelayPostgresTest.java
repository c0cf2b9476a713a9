package io.huitong.events;

import io.huitong.testsupport.TestDatabases;
import io.huitong.testsupport.TestDatabases.TestDb;

class WebhookRelayPostgresTest extends WebhookRelayContract {
    @Override
    TestDb database() {
        return TestDatabases.postgres();
    }
}
