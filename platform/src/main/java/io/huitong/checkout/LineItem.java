package io.huitong.checkout;

import io.huitong.kernel.ApiException;

/** One line of what the payer buys: {@code quantity} times {@code amount} (the unit amount, in minor units). */
public record LineItem(String name, Long quantity, Long amount) {

    static final int MAX_NAME_LENGTH = 200;
    static final long MAX_QUANTITY = 100_000;

    public LineItem {
        if (name == null || name.isBlank()) {
            throw ApiException.missing("line_items.name");
        }
        name = name.strip();
        if (name.length() > MAX_NAME_LENGTH || Texts.hasControl(name)) {
            throw ApiException.invalid("line_items.name", "line_items.name must be 1 to 200 characters without control characters");
        }
        if (quantity == null) {
            throw ApiException.missing("line_items.quantity");
        }
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw ApiException.invalid("line_items.quantity", "line_items.quantity must be 1 to " + MAX_QUANTITY);
        }
        if (amount == null) {
            throw ApiException.missing("line_items.amount");
        }
        if (amount < 0 || amount > NewCheckoutSession.MAX_AMOUNT) {
            throw ApiException.invalid("line_items.amount", "line_items.amount must be a non-negative integer in minor units");
        }
    }

    /** quantity × amount; the caller keeps the sum within a payment's largest amount. */
    public long total() {
        return Math.multiplyExact(quantity, amount);
    }
}
