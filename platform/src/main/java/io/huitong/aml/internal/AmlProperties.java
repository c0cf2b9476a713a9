package io.huitong.aml.internal;

import io.huitong.aml.domain.AmlSettings;
import io.huitong.aml.domain.LargeValueRule;
import io.huitong.aml.domain.Threshold;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.aml.*}: the business day's zone (Asia/Shanghai), the rates foreign currencies are converted at
 * ({@code rates.<currency>}: CNY per unit), the large-value thresholds ({@code thresholds.<rule>.cny} and
 * {@code .usd}, minor units; rules {@code cash}, {@code individual_transfer}, {@code individual_cross_border_transfer},
 * {@code organisation_transfer}) and the figures of the suspicious patterns; anything unset keeps Order No. 3's
 * figure or the platform's default ({@link AmlSettings#defaults()}).
 */
@ConfigurationProperties("huitong.aml")
record AmlProperties(ZoneId dayZone, Map<String, BigDecimal> rates, Map<String, Threshold> thresholds, Integer structuringCount,
                     Integer structuringMarginPercent, Duration structuringWindow, Integer rapidPercent, Long rapidMinimum,
                     Duration rapidWindow, Duration dormantAfter, Long dormantMinimum, Integer fanCounterparties, Duration fanWindow,
                     Integer roundCount, Long roundUnit, Duration roundWindow) {

    static final Map<String, BigDecimal> DEFAULT_RATES = Map.of("USD", new BigDecimal("7.10"), "EUR", new BigDecimal("7.70"),
            "HKD", new BigDecimal("0.91"), "JPY", new BigDecimal("0.047"), "GBP", new BigDecimal("9.00"), "SGD", new BigDecimal("5.30"));

    AmlProperties {
        dayZone = dayZone == null ? ZoneId.of("Asia/Shanghai") : dayZone;
        Map<String, BigDecimal> r = new java.util.HashMap<>(DEFAULT_RATES);
        if (rates != null) {
            r.putAll(rates);
        }
        rates = Map.copyOf(r);
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
    }

    AmlSettings settings() {
        AmlSettings d = AmlSettings.defaults();
        Map<LargeValueRule, Threshold> t = new EnumMap<>(d.thresholds());
        for (LargeValueRule rule : LargeValueRule.values()) {
            Threshold configured = thresholds.get(rule.wireName());
            if (configured == null) {
                configured = thresholds.get(rule.wireName().replace('_', '-'));
            }
            if (configured != null) {
                t.put(rule, configured);
            }
        }
        return new AmlSettings(t, or(structuringCount, d.structuringCount()), or(structuringMarginPercent, d.structuringMarginPercent()),
                or(structuringWindow, d.structuringWindow()), or(rapidPercent, d.rapidPercent()), or(rapidMinimum, d.rapidMinimumCny()),
                or(rapidWindow, d.rapidWindow()), or(dormantAfter, d.dormantAfter()), or(dormantMinimum, d.dormantMinimumCny()),
                or(fanCounterparties, d.fanCounterparties()), or(fanWindow, d.fanWindow()), or(roundCount, d.roundCount()),
                or(roundUnit, d.roundUnitMajor()), or(roundWindow, d.roundWindow()));
    }

    private static <T> T or(T value, T otherwise) {
        return value == null ? otherwise : value;
    }
}
