package io.huitong.payments.channel;

import io.huitong.kernel.Money;
import java.time.Instant;

/**
 * An order for the payer to pay.
 *
 * @param reference    our payment's id; names the order at the channel for good
 * @param merchantId   the merchant being paid
 * @param merchantName the merchant's name, as the payer's app shows it
 * @param amount       what the payer pays
 * @param description  what is paid for, or null
 * @param payer        the payer's account, for methods that name it up front (a bank account, an e-CNY
 *                     wallet); null for a QR code that any payer may scan
 * @param expiresAt    after this the order can no longer be paid
 * @param notifyUrl    where the channel sends its signed notification of the outcome
 * @param consumer     the platform's consumer this channel named as the payer ({@link OrderChannel#consumerOf}) when
 *                     the payment was made, so that it need not look them up again; null when it was not asked
 */
public record OrderRequest(String reference, String merchantId, String merchantName, Money amount, String description,
                           PayerAccount payer, Instant expiresAt, String notifyUrl, OrderChannel.PayingConsumer consumer) {

    /** An order whose payer the channel was not asked about. */
    public OrderRequest(String reference, String merchantId, String merchantName, Money amount, String description, PayerAccount payer,
                        Instant expiresAt, String notifyUrl) {
        this(reference, merchantId, merchantName, amount, description, payer, expiresAt, notifyUrl, null);
    }
}
