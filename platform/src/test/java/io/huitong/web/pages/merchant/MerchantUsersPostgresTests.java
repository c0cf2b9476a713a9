package io.huitong.web.pages.merchant;

import io.huitong.testsupport.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class MerchantUsersPostgresTests extends MerchantUsersTests {

    static final TestDatabase DB = TestDatabase.postgres();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }
}
