/**
 * Insights for the merchant dashboard: a merchant's overview figures for a period (attempted and succeeded payments,
 * success and refund rates, a trend, a breakdown by payment method, the previous period for comparison), payment
 * search with keyset pages, CSV/XLSX exports streamed from the database, and one payment's timeline. Everything here
 * reads; nothing moves money. Periods are counted in the platform's business zone, Asia/Shanghai.
 *
 * <p>The overview is read from an hourly rollup of the payment table for closed hours and from the payment table
 * itself for the open hour(s); see {@code internal.HourlyRollup}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insights", allowedDependencies = {"kernel", "reports"})
package io.huitong.insights;
