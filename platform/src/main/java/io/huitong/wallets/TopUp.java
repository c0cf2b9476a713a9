package io.huitong.wallets;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A top-up: {@code pending} while its card payment's outcome is not known, then {@code succeeded} (the
 * wallet is credited) or {@code failed}. {@code next_action}, when set, is the card payment's step-up
 * authentication page.
 */
public record TopUp(String id, String object, long amount, String currency, String status, String payment, String failureCode,
                    String failureMessage, @JsonInclude(JsonInclude.Include.NON_NULL) NextAction nextAction, Instant createdAt) {

    public record NextAction(String type, String url) {
    }
}
