package io.huitong.events;

import io.huitong.testsupport.TestDatabases;
import io.huitong.testsupport.TestDatabases.TestDb;

class WebhookRelayH2Test extends WebhookRelayContract {
    @Override
    TestDb database() {
        return TestDatabases.h2();
    }
}
