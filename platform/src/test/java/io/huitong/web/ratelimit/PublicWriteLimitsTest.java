package io.huitong.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.huitong.web.error.ErrorResponses;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class PublicWriteLimitsTest {

    private static final io.lettuce.core.codec.RedisCodec<String, byte[]> CODEC = io.lettuce.core.codec.RedisCodec.of(
            io.lettuce.core.codec.StringCodec.UTF8, io.lettuce.core.codec.ByteArrayCodec.INSTANCE);
    private static final String REDIS = System.getenv().getOrDefault("HUITONG_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private static ProxyManager<String> inProcess() {
        return Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder().maximumSize(1000))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(90))).build();
    }

    private static PublicWriteLimits limits(ProxyManager<String> buckets, int perAddress, int overall) {
        return new PublicWriteLimits(buckets, new RateLimitProperties(perAddress, overall), new ErrorResponses(JsonMapper.builder().build()));
    }

    /** The status a request answers: 200 when it got through to the handler. */
    private static MockHttpServletResponse send(PublicWriteLimits filter, String method, String path, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRequestURI(path);
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        assertThat(chain.getRequest() != null).as("reached the handler").isEqualTo(response.getStatus() == 200);
        return response;
    }

    @Test
    void anAddressGetsItsShareAMinuteThenA429WithRetryAfter() throws Exception {
        PublicWriteLimits filter = limits(inProcess(), 3, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(send(filter, "POST", "/v1/users", "203.0.113.7").getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = send(filter, "POST", "/v1/users", "203.0.113.7");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentAsString()).contains("\"code\":\"rate_limited\"").contains("\"type\":\"rate_limit_error\"")
                .contains("from this address");
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 61);

        assertThat(send(filter, "POST", "/v1/users", "203.0.113.8").getStatus()).as("another address").isEqualTo(200);
        assertThat(send(filter, "POST", "/v1/login_qr", "203.0.113.7").getStatus()).as("another endpoint").isEqualTo(200);
        assertThat(send(filter, "GET", "/v1/login_qr/lqr_x", "203.0.113.7").getStatus()).as("a read").isEqualTo(200);
        assertThat(send(filter, "POST", "/v1/payments", "203.0.113.7").getStatus()).as("not a public write").isEqualTo(200);
    }

    @Test
    void everyoneTogetherHasALimitToo() throws Exception {
        PublicWriteLimits filter = limits(inProcess(), 3, 5);
        for (int i = 0; i < 5; i++) {
            assertThat(send(filter, "POST", "/v1/sessions/passkey/options", "198.51.100." + i).getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = send(filter, "POST", "/v1/sessions/passkey/options", "198.51.100.99");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentAsString()).contains("right now");
    }

    @Test
    void instancesSharingRedisCountTogether() throws Exception {
        RedisClient client = RedisClient.create(REDIS);
        try {
            try {
                client.connect().close();
            } catch (RuntimeException e) {
                if ("true".equals(System.getenv("CI"))) {
                    throw e;
                }
                Assumptions.abort("no Redis at " + REDIS);
            }
            PublicWriteLimits one = limits(Bucket4jLettuce.casBasedBuilder(client.connect(CODEC))
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(90))).build(), 3, 1_000_000);
            PublicWriteLimits other = limits(Bucket4jLettuce.casBasedBuilder(client.connect(CODEC))
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(90))).build(), 3, 1_000_000);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String address = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);

            assertThat(send(one, "POST", "/v1/login_qr", address).getStatus()).isEqualTo(200);
            assertThat(send(other, "POST", "/v1/login_qr", address).getStatus()).isEqualTo(200);
            assertThat(send(one, "POST", "/v1/login_qr", address).getStatus()).isEqualTo(200);
            assertThat(send(other, "POST", "/v1/login_qr", address).getStatus()).as("the fourth, on either instance").isEqualTo(429);
        } finally {
            client.shutdown();
        }
    }
}
