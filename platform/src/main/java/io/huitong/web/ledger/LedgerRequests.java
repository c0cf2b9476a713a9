package io.huitong.web.ledger;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Currencies;
import io.huitong.kernel.ErrorType;
import io.huitong.ledger.AccountFlag;
import io.huitong.ledger.AccountType;
import io.huitong.ledger.NewAccount;
import io.huitong.ledger.TransferKind;
import io.huitong.ledger.TransferRequest;
import io.huitong.payments.NewPayment;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Request bodies of the ledger's operator API; each turns itself into a ledger command or refuses with a 400. */
final class LedgerRequests {

    /** The largest amount an operator may move in one transfer: the same bound as a payment's. */
    static final long MAX_AMOUNT = NewPayment.MAX_AMOUNT;

    private LedgerRequests() {
    }

    record CreateAccount(String id, String currency, String type, String ownerRef, List<String> flags, String code) {

        NewAccount toCommand(java.util.function.Supplier<String> newId) {
            Currencies.require(currency, "currency");
            if (type == null) {
                throw ApiException.missing("type");
            }
            return new NewAccount(id == null ? newId.get() : id, currency, parse(AccountType.class, type, "type"), ownerRef,
                    parsedFlags(), code);
        }

        private Set<AccountFlag> parsedFlags() {
            Set<AccountFlag> set = EnumSet.noneOf(AccountFlag.class);
            if (flags != null) {
                for (String f : flags) {
                    set.add(parse(AccountFlag.class, f, "flags"));
                }
            }
            return set;
        }
    }

    record CreateTransfer(String id, String kind, String debitAccountId, String creditAccountId, Long amount, String currency,
                          String pendingId, String reversesId, Long timeoutSeconds, String code, String reference, Boolean linked) {

        TransferRequest toCommand() {
            if (id == null) {
                throw ApiException.missing("id");
            }
            TransferKind k = kind == null ? TransferKind.POSTED : parse(TransferKind.class, kind, "kind");
            if (k == TransferKind.EXPIRE_PENDING) {
                throw ApiException.invalid("kind", "kind expire_pending is written by the ledger itself when a hold times out");
            }
            if (currency != null) {
                Currencies.require(currency, "currency");
            }
            if (amount != null && amount <= 0) {
                throw ApiException.invalid("amount", "amount must be a positive integer in the currency's minor unit");
            }
            if (amount != null && amount > MAX_AMOUNT) {
                throw new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "amount_too_large", "amount must be at most " + MAX_AMOUNT,
                        "amount");
            }
            return new TransferRequest(id, k, debitAccountId, creditAccountId, amount, currency, pendingId, reversesId,
                    timeoutSeconds == null ? 0 : timeoutSeconds, code, reference, Boolean.TRUE.equals(linked));
        }
    }

    record CreateBatch(List<CreateTransfer> transfers) {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String param) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.isEmpty() ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw ApiException.invalid(param, param + " must be one of " + allowed);
        }
    }
}
