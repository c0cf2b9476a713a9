package io.huitong.risk.model;

/**
 * What the fraud model sees of one money movement, computed by the risk engine from the request and the
 * payer's recent history. The training data generator produces the same features for its simulated
 * traffic, so that a model trained there scores live traffic.
 *
 * @param amountMinor             the amount in minor units
 * @param amountToPayerMedian     the amount divided by the median of the payer's (card's, user's) last payments;
 *                                1.0 when there is no history
 * @param hourOfDay               local hour (Asia/Shanghai), 0 to 23
 * @param payerCountLastHour      payments by the same payer (card or user) in the last hour, this one excluded
 * @param payerSumLastDayMinor    what the same payer moved in the last 24 hours, minor units
 * @param deviceCountLastDay      payments from the same device in the last 24 hours, any payer
 * @param ipCountLastHour         payments from the same IP address in the last hour, any payer
 * @param newDevice               the payer never used this device before
 * @param countryMismatch         the card's, the IP's and the declared country are not all the same
 * @param kmFromLastPayment       distance from the payer's previous payment, km (0 when unknown)
 * @param minutesSinceLastPayment minutes since the payer's previous payment (a large number when none)
 * @param smallPaymentsLastHour   payments under 10.00 by the same payer in the last hour (card testing)
 * @param accountAgeDays          days since the payer (user or card) was first seen
 */
public record Features(long amountMinor, double amountToPayerMedian, int hourOfDay, int payerCountLastHour,
                       long payerSumLastDayMinor, int deviceCountLastDay, int ipCountLastHour, boolean newDevice,
                       boolean countryMismatch, double kmFromLastPayment, double minutesSinceLastPayment,
                       int smallPaymentsLastHour, double accountAgeDays) {

    /** The features as the model's input vector, in the order {@link #NAMES} gives. */
    public float[] vector() {
        return new float[] {amountMinor, (float) amountToPayerMedian, hourOfDay, payerCountLastHour, payerSumLastDayMinor,
                deviceCountLastDay, ipCountLastHour, newDevice ? 1f : 0f, countryMismatch ? 1f : 0f, (float) kmFromLastPayment,
                (float) minutesSinceLastPayment, smallPaymentsLastHour, (float) accountAgeDays};
    }

    public static final java.util.List<String> NAMES = java.util.List.of("amount_minor", "amount_to_payer_median", "hour_of_day",
            "payer_count_last_hour", "payer_sum_last_day_minor", "device_count_last_day", "ip_count_last_hour", "new_device",
            "country_mismatch", "km_from_last_payment", "minutes_since_last_payment", "small_payments_last_hour", "account_age_days");
}
