package io.huitong.web.ratelimit;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.huitong.web.error.ErrorResponses;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Where the rate limits' buckets live: in this process (Caffeine, at most 100,000 addresses, each forgotten once its
 * bucket is full again), or in Redis when {@code huitong.redis.url} is set, so that several instances count together.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfig {

    /** A bucket refills within a minute: kept a little longer, then dropped. */
    private static final Duration KEEP = Duration.ofSeconds(90);

    @Bean(destroyMethod = "")
    ProxyManager<String> rateLimitBuckets(@Value("${huitong.redis.url:}") String redisUrl, RedisClients clients) {
        if (redisUrl == null || redisUrl.isBlank()) {
            return Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder().maximumSize(100_000))
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP)).build();
        }
        return Bucket4jLettuce.casBasedBuilder(clients.open(redisUrl).connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP)).build();
    }

    @Bean
    RedisClients rateLimitRedisClients() {
        return new RedisClients();
    }

    /** After the request filter (so a refusal has a request id) and before Spring Security and the handlers. */
    @Bean
    FilterRegistrationBean<PublicWriteLimits> publicWriteLimits(ProxyManager<String> rateLimitBuckets, RateLimitProperties limits,
                                                                ErrorResponses errors) {
        FilterRegistrationBean<PublicWriteLimits> registration = new FilterRegistrationBean<>(new PublicWriteLimits(rateLimitBuckets, limits,
                errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** The Redis client the buckets use, shut down with the application. */
    static final class RedisClients implements AutoCloseable {

        private RedisClient client;

        synchronized RedisClient open(String url) {
            if (client == null) {
                client = RedisClient.create(url);
            }
            return client;
        }

        @Override
        public synchronized void close() {
            if (client != null) {
                client.shutdown();
            }
        }
    }
}
