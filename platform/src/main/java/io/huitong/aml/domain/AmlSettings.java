package io.huitong.aml.domain;

import java.time.Duration;
import java.util.Map;

/**
 * The figures the rules use. Large value: a threshold per rule. Structuring: at least {@code structuringCount}
 * amounts within {@code structuringMarginPercent} % under a large-value threshold within {@code structuringWindow}.
 * Rapid in-and-out: what was received within {@code rapidWindow} (at least {@code rapidMinimumCny} fen) and at
 * least {@code rapidPercent} % of it sent on. Dormant: no movement for {@code dormantAfter}, then one of at least
 * {@code dormantMinimumCny} fen. Fan-in / fan-out: at least {@code fanCounterparties} distinct counterparties in
 * one direction within {@code fanWindow}. Round amounts: at least {@code roundCount} movements out that are whole
 * multiples of {@code roundUnitMajor} units of their currency within {@code roundWindow}.
 */
public record AmlSettings(Map<LargeValueRule, Threshold> thresholds, int structuringCount, int structuringMarginPercent,
                          Duration structuringWindow, int rapidPercent, long rapidMinimumCny, Duration rapidWindow, Duration dormantAfter,
                          long dormantMinimumCny, int fanCounterparties, Duration fanWindow, int roundCount, long roundUnitMajor,
                          Duration roundWindow) {

    public AmlSettings {
        thresholds = Map.copyOf(thresholds);
        for (LargeValueRule rule : LargeValueRule.values()) {
            if (!thresholds.containsKey(rule)) {
                throw new IllegalArgumentException("no threshold for " + rule.wireName());
            }
        }
    }

    /** Order No. 3's figures and this platform's defaults for the patterns. */
    public static AmlSettings defaults() {
        return new AmlSettings(Map.of(
                LargeValueRule.CASH, new Threshold(5_000_000L, 1_000_000L),
                LargeValueRule.INDIVIDUAL_TRANSFER, new Threshold(50_000_000L, 10_000_000L),
                LargeValueRule.INDIVIDUAL_CROSS_BORDER_TRANSFER, new Threshold(20_000_000L, 1_000_000L),
                LargeValueRule.ORGANISATION_TRANSFER, new Threshold(200_000_000L, 20_000_000L)),
                3, 10, Duration.ofDays(7), 90, 1_000_000L, Duration.ofHours(24), Duration.ofDays(180), 1_000_000L, 10,
                Duration.ofHours(24), 3, 10_000L, Duration.ofDays(7));
    }

    /** The longest look back any rule takes. */
    public Duration longestWindow() {
        return java.util.stream.Stream.of(structuringWindow, rapidWindow, fanWindow, roundWindow).max(Duration::compareTo).orElseThrow();
    }
}
