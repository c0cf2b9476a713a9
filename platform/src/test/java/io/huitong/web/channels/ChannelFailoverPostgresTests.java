package io.huitong.web.channels;

import io.huitong.testsupport.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ChannelFailoverPostgresTests extends ChannelFailoverTests {

    static final TestDatabase DB = TestDatabase.postgres();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }
}
