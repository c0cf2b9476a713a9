/**
 * Tabular documents for people: a titled header, columns, streamed rows and totals, written as CSV, Excel
 * (XLSX) or PDF with an embedded CJK font. Settlement statements and reconciliation reports are written
 * with it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reports", allowedDependencies = {"kernel"})
package io.huitong.reports;
