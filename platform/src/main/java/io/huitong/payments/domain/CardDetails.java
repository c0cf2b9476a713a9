package io.huitong.payments.domain;

/** A card as a payment shows it: brand, last four digits and expiry. The number itself is only ever sealed. */
public record CardDetails(String brand, String last4, Integer expMonth, Integer expYear) {
}
