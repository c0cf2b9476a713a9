package io.huitong.risk.internal;

import io.huitong.risk.domain.Places;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.risk}: how many keys in-process velocity keeps, how often an instance looks for rules and list
 * entries another instance stored, and the tables of IP ranges and card prefixes to countries.
 */
@ConfigurationProperties("huitong.risk")
record RiskProperties(Integer maxVelocityKeys, Duration reloadInterval, Map<String, String> ipCountries,
                      Map<String, String> cardCountries) {

    RiskProperties {
        maxVelocityKeys = maxVelocityKeys == null ? 200_000 : maxVelocityKeys;
        reloadInterval = reloadInterval == null ? Duration.ofSeconds(2) : reloadInterval;
        ipCountries = ipCountries == null || ipCountries.isEmpty() ? Places.DEFAULT_IP_COUNTRIES : ipCountries;
        cardCountries = cardCountries == null || cardCountries.isEmpty() ? Places.DEFAULT_CARD_COUNTRIES : cardCountries;
    }
}
