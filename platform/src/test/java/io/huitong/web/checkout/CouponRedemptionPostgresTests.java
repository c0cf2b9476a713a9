package io.huitong.web.checkout;

import io.huitong.testsupport.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class CouponRedemptionPostgresTests extends CouponRedemptionTests {

    static final TestDatabase DB = TestDatabase.postgres();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }
}
