package io.huitong.insights;

import io.huitong.reports.ReportFormat;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The read side of the merchant dashboard. Every method reads the given merchant's own payments only: another
 * merchant's payment is not found.
 */
public interface MerchantInsights {

    /**
     * The merchant's figures for {@code period}, counted in Asia/Shanghai at the platform clock's now: per currency,
     * headline figures, a trend, a by-method breakdown and the previous period's headline figures.
     */
    Overview overview(String merchantId, InsightPeriod period);

    /** One page of the merchant's payments matching {@code query}, newest first. */
    PaymentPage search(String merchantId, PaymentQuery query);

    /**
     * Writes every payment of the merchant matching {@code query} (its cursor and limit aside), newest first, as
     * {@code format} (CSV or XLSX) to {@code out}: rows are streamed from the database as they are read. The stream is
     * flushed, not closed.
     *
     * @throws InvalidQuery          when {@code format} is not CSV or XLSX
     * @throws UncheckedIOException  when {@code out} fails (the client went away); what was written is incomplete
     */
    void export(String merchantId, PaymentQuery query, ReportFormat format, OutputStream out);

    /** The payment's timeline, or empty when the merchant has no payment of that id. */
    Optional<PaymentTimeline> timeline(String merchantId, String paymentId);
}
