package io.huitong.web.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.rate-limits.*}: how many requests a minute each public endpoint that writes takes from one client
 * address ({@code per-address}, 20) and from everyone together ({@code overall}, 1,200).
 */
@ConfigurationProperties("huitong.rate-limits")
record RateLimitProperties(int perAddress, int overall) {

    RateLimitProperties {
        perAddress = perAddress <= 0 ? 20 : perAddress;
        overall = overall <= 0 ? 1200 : overall;
    }
}
