/**
 * Anti-money-laundering reporting, with PBoC Order [2016] No. 3 as the reference: every settled money
 * movement (merchant payments and refunds, wallet transfers, top-ups, withdrawals and payments) is
 * normalised into an {@link io.huitong.aml.AmlTransaction} in the movement's own transaction; an
 * evaluator applies the large-value thresholds (per customer and Asia/Shanghai business day, single or
 * cumulative) and the suspicious-pattern rules, and keeps the reports ({@link io.huitong.aml.AmlReports}).
 * A channel that moves cash (none does today) records its movements through {@link io.huitong.aml.AmlMonitoring}.
 * The rules that need neither Spring nor SQL are in {@code domain}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Anti-money-laundering",
        allowedDependencies = {"kernel", "events", "wallets", "payments", "risk"})
package io.huitong.aml;
