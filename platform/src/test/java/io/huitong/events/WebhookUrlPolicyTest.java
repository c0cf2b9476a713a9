package io.huitong.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.kernel.ApiException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF rules of docs/api.md, on literal addresses and on names whose DNS answer the test decides. */
class WebhookUrlPolicyTest {

    private static final Map<String, List<String>> DNS = Map.of(
            "hooks.example", List.of("203.0.113.7"),
            "rebound.example", List.of("10.0.0.1"),
            "mixed.example", List.of("203.0.113.7", "192.168.1.20"),
            "localhost", List.of("127.0.0.1", "::1"));

    private final WebhookUrlPolicy policy = policy(List.of());

    private static WebhookUrlPolicy policy(List<String> allowedNetworks) {
        return new WebhookUrlPolicy(allowedNetworks, host -> {
            if (host.matches("[0-9a-fA-F:.]+")) {
                return InetAddress.getAllByName(host);
            }
            List<String> answer = DNS.get(host);
            if (answer == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] addresses = new InetAddress[answer.size()];
            for (int i = 0; i < addresses.length; i++) {
                addresses[i] = InetAddress.getByName(answer.get(i));
            }
            return addresses;
        });
    }

    private String refusal(String url, boolean livemode) {
        return policy.check(url, livemode).refusal();
    }

    @Test
    void publicHttpsIsAcceptedInBothModes() {
        assertThat(refusal("https://hooks.example/huitong", true)).isNull();
        assertThat(refusal("https://203.0.113.7:8443/huitong?x=1", true)).isNull();
        assertThat(refusal("https://hooks.example/huitong", false)).isNull();
        assertThat(policy.require("https://hooks.example/huitong", true).getHost()).isEqualTo("hooks.example");
    }

    @Test
    void liveModeRequiresHttps() {
        assertThat(refusal("http://hooks.example/huitong", true)).contains("https");
        assertThat(refusal("http://hooks.example/huitong", false)).isNull();
    }

    @Test
    void loopbackIsOnlyForTestMode() {
        for (String url : List.of("http://127.0.0.1:8080/hooks", "http://localhost:8080/hooks", "http://[::1]:8080/hooks", "http://127.9.9.9/")) {
            assertThat(refusal(url, false)).as(url).isNull();
            assertThat(refusal(url.replace("http:", "https:"), true)).as(url).contains("loopback");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://10.0.0.5/hooks", "http://172.16.3.4/", "http://172.31.255.255/", "http://192.168.1.10/",
        "http://169.254.169.254/latest/meta-data", "http://[fe80::1]/", "http://[fd00::1]/", "http://[fc00::2]/",
        "http://0.0.0.0:8080/", "http://[::]/", "http://0.1.2.3/", "http://100.64.0.1/", "http://224.0.0.1/",
        "http://255.255.255.255/", "http://[::ffff:10.0.0.1]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:c0a8:0101::1]/",
        "http://[ff02::1]/", "http://rebound.example/", "http://mixed.example/",
        // translators' prefixes that map onto IPv4: SIIT's IPv4-translated ::ffff:0:a.b.c.d, local-use NAT64 64:ff9b:1::/48
        "http://[::ffff:0:a00:1]/", "http://[::ffff:0:a9fe:a9fe]/", "http://[64:ff9b:1::7f00:1]/", "http://[64:ff9b:1:a9fe:a9:fe00::]/",
        "http://[64:ff9b:1::808:808]/"})
    void nonPublicAddressesAreRefusedInEveryMode(String url) {
        assertThat(refusal(url, false)).as(url).isNotNull().contains("address");
        assertThat(refusal(url.replace("http:", "https:"), true)).as(url).isNotNull().contains("address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example/x", "hooks.example/x", "https:///x", "mailto:a@hooks.example", "https://exa mple.com/",
        "https://user:pass@hooks.example/", "file:///etc/passwd", "https://unknown.example/"})
    void malformedOrUnresolvableUrlsAreRefused(String url) {
        assertThat(refusal(url, false)).as(url).isNotNull();
        assertThatThrownBy(() -> policy.require(url, false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("parameter_invalid");
                    assertThat(e.param()).isEqualTo("url");
                });
    }

    @Test
    void operatorsMayAllowTheirOwnNetworks() {
        WebhookUrlPolicy permissive = policy(List.of("10.0.0.0/24", "fd00:1::/64"));
        assertThat(permissive.check("https://10.0.0.9/hooks", true).refusal()).isNull();
        assertThat(permissive.check("http://rebound.example/hooks", false).refusal()).isNull();
        assertThat(permissive.check("https://[fd00:1::5]/hooks", true).refusal()).isNull();
        assertThat(permissive.check("https://10.0.1.9/hooks", true).refusal()).contains("private");
        assertThat(permissive.check("https://[fd00:2::5]/hooks", true).refusal()).contains("private");
        assertThat(permissive.check("http://10.0.0.9/hooks", true).refusal()).as("still https in live mode").contains("https");
        assertThatThrownBy(() -> policy(List.of("intranet.example/8"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retriesBackOffExponentiallyUpToAnHour() {
        WebhookProperties p = WebhookProperties.defaults();
        assertThat(List.of(p.retryDelay(1), p.retryDelay(2), p.retryDelay(3), p.retryDelay(9), p.retryDelay(10), p.retryDelay(500)))
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(2560),
                        Duration.ofHours(1), Duration.ofHours(1));
        assertThat(p.retryWindow()).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThatThrownBy(() -> new WebhookProperties(null, null, null, null, null, null, null, Duration.ofHours(23), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
