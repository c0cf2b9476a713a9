package io.huitong.web.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import io.huitong.web.error.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limits of the public endpoints that write a row without a credential: sign-up ({@code POST /v1/users}), QR login
 * ({@code POST /v1/login_qr}) and passkey login options ({@code POST /v1/sessions/passkey/options}). Each endpoint has a
 * token bucket per client address and one for everyone; a request either bucket refuses is a 429 {@code rate_limited}
 * with {@code Retry-After}, and writes nothing. The buckets live in this process, or in Redis when several instances
 * share them ({@link RateLimitConfig}).
 */
final class PublicWriteLimits extends OncePerRequestFilter {

    static final Set<String> LIMITED = Set.of("/v1/users", "/v1/login_qr", "/v1/sessions/passkey/options",
            // the same, from the wallet's pages
            "/wallet/signup", "/wallet/login/passkey/options");

    private final ProxyManager<String> buckets;
    private final BucketConfiguration perAddress;
    private final BucketConfiguration overall;
    private final ErrorResponses errors;

    PublicWriteLimits(ProxyManager<String> buckets, RateLimitProperties limits, ErrorResponses errors) {
        this.buckets = buckets;
        this.perAddress = perMinute(limits.perAddress());
        this.overall = perMinute(limits.overall());
        this.errors = errors;
    }

    private static BucketConfiguration perMinute(int requests) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, Duration.ofMinutes(1)))
                .build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !LIMITED.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        ConsumptionProbe address = take("huitong:rate:" + path + ":address:" + request.getRemoteAddr(), perAddress);
        ConsumptionProbe everyone = address.isConsumed() ? take("huitong:rate:" + path + ":all", overall) : null;
        if (!address.isConsumed() || !everyone.isConsumed()) {
            long nanos = (address.isConsumed() ? everyone : address).getNanosToWaitForRefill();
            response.setHeader("Retry-After", String.valueOf(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos) + 1)));
            errors.write(request, response, new ApiException(429, ErrorType.RATE_LIMIT_ERROR, "rate_limited",
                    address.isConsumed() ? "Too many such requests right now. Retry after the time in Retry-After."
                            : "Too many such requests from this address. Retry after the time in Retry-After.", null));
            return;
        }
        chain.doFilter(request, response);
    }

    private ConsumptionProbe take(String key, BucketConfiguration configuration) {
        return buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
    }
}
