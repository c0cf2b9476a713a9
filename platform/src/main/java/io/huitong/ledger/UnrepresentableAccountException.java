package io.huitong.ledger;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;

/**
 * An account whose totals don't fit in a {@code long}, so it can't be read as an {@link Account}. The
 * ledger refuses any transfer that would make one; an account can only be left so by data written before
 * the ledger guarded its totals, and {@link Ledger#check()} names it. Answers 409 in the API: the books
 * need an operator, not a retry.
 */
public class UnrepresentableAccountException extends ApiException {

    private final String accountId;

    public UnrepresentableAccountException(String accountId) {
        super(409, ErrorType.INVALID_REQUEST_ERROR, "account_unrepresentable", "The ledger account '" + accountId
                + "' has totals beyond what the ledger can represent (" + Long.MAX_VALUE + " minor units on a side);"
                + " the ledger check lists such accounts.", "id");
        this.accountId = accountId;
    }

    public String accountId() {
        return accountId;
    }
}
