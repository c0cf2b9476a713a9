package io.huitong.settlement;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One pass of settlement over every merchant (or one) for a business date.
 *
 * @param status      {@code running}, {@code completed} or {@code failed}
 * @param done        merchant balances looked at so far, of {@code total}
 * @param settlements settlements the run made
 * @param skipped     balances left for a later run (for example no exchange rate to the settlement currency)
 */
public record SettlementRun(String id, LocalDate businessDate, String merchantId, String status, int done, int total, int settlements,
                            int skipped, String failure, String requestedBy, Instant createdAt, Instant updatedAt) {
}
