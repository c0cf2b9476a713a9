package io.huitong.web.operators;

import io.huitong.testsupport.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class RoleGrantPostgresTests extends RoleGrantTests {

    static final TestDatabase DB = TestDatabase.postgres();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }
}
