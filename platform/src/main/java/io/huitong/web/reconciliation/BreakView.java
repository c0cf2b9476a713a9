package io.huitong.web.reconciliation;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.huitong.reconciliation.ReconciliationBreak;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;

/** A reconciliation break as the API shows it. Amounts are signed minor units: positive moved money to the platform. */
@Schema(name = "ReconciliationBreak")
record BreakView(String id, @Schema(allowableValues = "reconciliation_break") String object, String reconciliation, String channel,
                 @JsonProperty("class") @Schema(allowableValues = {"missing_in_ledger", "missing_in_channel", "amount_mismatch", "status_mismatch",
                         "currency_mismatch", "duplicate", "timing", "matched"}) String breakClass,
                 @Schema(description = "how the statement line and our record were paired: reference, other_statement, channel_reference,"
                         + " amount_and_time", nullable = true) String matchedBy,
                 String reference, @Schema(nullable = true) String channelReference,
                 @Schema(description = "what our records moved; null when we have none", nullable = true) Long ourAmount,
                 @Schema(description = "what the statement moved (0 for a failed line); null when it has no line", nullable = true) Long channelAmount,
                 String currency, @Schema(description = "statement lines behind it") long lines,
                 @Schema(description = "the first of them, counted from 1 among the statement's lines", nullable = true) Long firstLine,
                 @Schema(description = "the business date the difference arose on") LocalDate originDate,
                 @Schema(description = "calendar days from origin_date to today (Asia/Shanghai)") long ageDays,
                 @Schema(allowableValues = {"open", "resolved"}) String status,
                 @Schema(allowableValues = {"cleared", "adjust", "write_off", "accept"}, nullable = true) String resolution,
                 @Schema(nullable = true) String resolvedBy, @Schema(nullable = true) String note,
                 @Schema(description = "the ledger transfer that corrected it", nullable = true) String correction,
                 @Schema(description = "the approval a large write-off waits for", nullable = true) String approval,
                 @Schema(nullable = true) Instant resolvedAt, Instant createdAt) {

    static BreakView of(ReconciliationBreak b) {
        return new BreakView(b.id(), "reconciliation_break", b.reconciliation(), b.channel(), b.breakClass(), b.matchedBy(), b.reference(),
                b.channelReference(), b.ourAmount(), b.channelAmount(), b.currency(), b.lines(), b.firstLine(), b.originDate(), b.ageDays(),
                b.status(), b.resolution(), b.resolvedBy(), b.note(), b.correction(), b.approval(), b.resolvedAt(), b.createdAt());
    }
}
