package io.huitong.aml;

/**
 * Where movements enter anti-money-laundering. Payments, refunds and wallet movements are fed in by the
 * module itself; a channel of its own (a cash desk, a cross-border remittance) calls {@link #record} inside
 * the transaction that moves the money, so the record commits with the movement.
 */
public interface AmlMonitoring {

    /** Records the movement (once per {@code sourceRef}); it is evaluated shortly after, or at {@link AmlReports#catchUp()}. */
    AmlTransaction record(NewAmlTransaction movement);
}
