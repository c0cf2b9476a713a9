package io.huitong.web.ledger;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import io.huitong.ledger.AccountResult;
import io.huitong.ledger.TransferResult;
import java.util.Locale;

/** Turns a ledger refusal into the API's error: what the caller got wrong (4xx), with the ledger's own result code. */
final class LedgerRefusals {

    private LedgerRefusals() {
    }

    static ApiException of(TransferResult.Code code) {
        String result = code.name().toLowerCase(Locale.ROOT);
        String message = "The ledger refused the transfer: " + result;
        return switch (code) {
            case ID_INVALID -> invalid("id", "id must be 1-100 characters of letters, digits, '_', '-', ':' or '.'");
            case KIND_MISSING -> ApiException.missing("kind");
            case AMOUNT_MUST_NOT_BE_ZERO, AMOUNT_INVALID -> invalid("amount", "amount must be a positive integer in the currency's minor unit");
            case CURRENCY_INVALID, ACCOUNT_CURRENCY_MISMATCH -> invalid("currency", message);
            case CODE_INVALID -> invalid("code", message);
            case REFERENCE_INVALID -> invalid("reference", message);
            case TIMEOUT_INVALID -> invalid("timeout_seconds", message);
            case DEBIT_ACCOUNT_ID_MISSING -> ApiException.missing("debit_account_id");
            case CREDIT_ACCOUNT_ID_MISSING -> ApiException.missing("credit_account_id");
            case PENDING_ID_MISSING -> ApiException.missing("pending_id");
            case REVERSES_ID_MISSING -> ApiException.missing("reverses_id");
            case ACCOUNTS_MUST_BE_DIFFERENT -> invalid("credit_account_id", message);
            case PENDING_ID_MUST_NOT_BE_SET -> invalid("pending_id", message);
            case REVERSES_ID_MUST_NOT_BE_SET -> invalid("reverses_id", message);
            case DEBIT_ACCOUNT_NOT_FOUND -> missing("debit_account_id", message);
            case CREDIT_ACCOUNT_NOT_FOUND -> missing("credit_account_id", message);
            case PENDING_TRANSFER_NOT_FOUND -> missing("pending_id", message);
            case REVERSED_TRANSFER_NOT_FOUND -> missing("reverses_id", message);
            case EXCEEDS_CREDITS, EXCEEDS_DEBITS -> new ApiException(402, ErrorType.INVALID_REQUEST_ERROR, "insufficient_funds",
                    message + " (the account's balance does not cover it)", "amount");
            case OVERFLOWS -> new ApiException(409, ErrorType.INVALID_REQUEST_ERROR, result, message
                    + " (an account's debits or credits would exceed " + Long.MAX_VALUE + " minor units)", "amount");
            default -> new ApiException(409, ErrorType.INVALID_REQUEST_ERROR, result, message, null);
        };
    }

    static ApiException of(AccountResult.Code code) {
        String result = code.name().toLowerCase(Locale.ROOT);
        String message = "The ledger refused the account: " + result;
        return switch (code) {
            case ID_INVALID -> invalid("id", "id must be 1-100 characters of letters, digits, '_', '-', ':' or '.'");
            case CURRENCY_INVALID -> invalid("currency", message);
            case TYPE_MISSING -> ApiException.missing("type");
            case OWNER_REF_INVALID -> invalid("owner_ref", message);
            case CODE_INVALID -> invalid("code", message);
            default -> new ApiException(409, ErrorType.INVALID_REQUEST_ERROR, "account_" + result, message, null);
        };
    }

    private static ApiException invalid(String param, String message) {
        return ApiException.invalid(param, message);
    }

    private static ApiException missing(String param, String message) {
        return new ApiException(404, ErrorType.INVALID_REQUEST_ERROR, "resource_missing", message, param);
    }
}
