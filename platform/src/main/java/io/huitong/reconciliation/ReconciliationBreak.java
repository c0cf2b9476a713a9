package io.huitong.reconciliation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A difference matching found between a statement and our records. Amounts are signed minor units as they moved the
 * platform's money at the channel (positive in, negative out), null for a side that has nothing. {@code status} is
 * {@code open} or {@code resolved}; {@code resolution} how ({@code cleared}: a later statement carried it;
 * {@code adjust}, {@code write_off}, {@code accept}: an operator). {@code approval} is the pending or decided approval of
 * a write-off that needs one.
 *
 * @param ageDays   calendar days from {@code originDate}, the business date the difference arose on, to today
 * @param matchedBy how the statement line and our record were paired, when they were ({@code reference},
 *                  {@code other_statement}, {@code channel_reference}, {@code amount_and_time}); else null
 */
public record ReconciliationBreak(String id, String reconciliation, String channel, String breakClass, String matchedBy, String reference,
                                  String channelReference, Long ourAmount, Long channelAmount, String currency, long lines, Long firstLine,
                                  LocalDate originDate, long ageDays, String status, String resolution, String resolvedBy, String note,
                                  String correction, String approval, Instant resolvedAt, Instant createdAt) {

    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";
    public static final String CLEARED = "cleared";
}
