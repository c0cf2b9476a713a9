package io.huitong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.HuitongApplication;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.TestDatabase;
import io.huitong.testsupport.TestDatabaseLifecycle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without HUITONG_ADMIN_KEY, the platform prints a generated key once at start-up, and it works. */
@ExtendWith({OutputCaptureExtension.class, TestDatabaseLifecycle.class})
@SpringBootTest(classes = HuitongApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "huitong.admin-key=")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class GeneratedOperatorKeyTests {

    static final TestDatabase DB = TestDatabase.h2();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
        registry.add("huitong.data-dir", () -> System.getProperty("java.io.tmpdir") + "/huitong-generated-key-test");
    }

    @Test
    void theGeneratedKeyIsShownOnceAndOpensTheAdminApi(CapturedOutput output) {
        Matcher shown = Pattern.compile("Operator API key \\(shown once\\): (hk_admin_[0-9A-Za-z]{43})").matcher(output.getAll());
        assertThat(shown.find()).as("the key is printed at start-up").isTrue();
        String key = shown.group(1);
        Api api = new Api(port);

        assertThat(api.get("/actuator/info", "Authorization", Api.bearer(key)).status()).isEqualTo(200);
        assertThat(api.get("/actuator/info", "Authorization", Api.bearer(key + "x")).status()).isEqualTo(401);
        assertThat(shown.find()).as("printed only once").isFalse();
    }
}
