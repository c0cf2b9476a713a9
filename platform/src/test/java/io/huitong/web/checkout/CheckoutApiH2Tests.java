package io.huitong.web.checkout;

import io.huitong.testsupport.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class CheckoutApiH2Tests extends CheckoutApiTests {

    static final TestDatabase DB = TestDatabase.h2();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }
}
