package io.huitong.audit.domain;

import java.time.LocalDate;

/** A day's seal of the chain: the head at {@code seq} had {@code hash}; {@code signatureValid} as checked against the seal key. */
public record Seal(LocalDate businessDate, long seq, String hash, boolean signatureValid) {
}
