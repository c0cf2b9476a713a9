package io.huitong.ledger.domain;

import io.huitong.kernel.Currencies;
import io.huitong.ledger.Account;
import io.huitong.ledger.AccountResult;
import io.huitong.ledger.AccountResult.Code;
import io.huitong.ledger.NewAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides, for a batch of accounts to open, which are new, which exist already with the same
 * attributes (harmless) and which are refused. Pure: the caller reads the stored accounts and writes
 * the new ones.
 */
public final class AccountOpening {

    public static final int MAX_OWNER_REF_LENGTH = 128;

    /** The outcome: one result per request, and the accounts to insert. */
    public record Decision(List<AccountResult> results, List<NewAccount> toInsert) {
    }

    public Decision decide(List<NewAccount> requests, Map<String, Account> stored, Instant now) {
        List<AccountResult> results = new ArrayList<>(requests.size());
        List<NewAccount> toInsert = new ArrayList<>();
        Map<String, Account> opened = new HashMap<>();
        for (NewAccount a : requests) {
            Code invalid = validate(a);
            if (invalid != null) {
                results.add(new AccountResult(a.id(), invalid, null));
                continue;
            }
            Account earlier = stored.containsKey(a.id()) ? stored.get(a.id()) : opened.get(a.id());
            if (earlier != null) {
                Code code = compare(a, earlier);
                results.add(new AccountResult(a.id(), code, code == Code.EXISTS ? earlier : null));
                continue;
            }
            Account account = new Account(a.id(), a.currency(), a.type(), a.ownerRef(), a.flags(), a.code(), 0, 0, 0, 0, now);
            opened.put(a.id(), account);
            toInsert.add(a);
            results.add(new AccountResult(a.id(), Code.OK, account));
        }
        return new Decision(results, toInsert);
    }

    private static Code validate(NewAccount a) {
        if (!TransferEngine.validId(a.id())) {
            return Code.ID_INVALID;
        }
        if (!Currencies.isSupported(a.currency())) {
            return Code.CURRENCY_INVALID;
        }
        if (a.type() == null) {
            return Code.TYPE_MISSING;
        }
        if (a.ownerRef() != null && (a.ownerRef().isBlank() || a.ownerRef().length() > MAX_OWNER_REF_LENGTH)) {
            return Code.OWNER_REF_INVALID;
        }
        if (a.code() != null && (a.code().isBlank() || a.code().length() > TransferEngine.MAX_CODE_LENGTH)) {
            return Code.CODE_INVALID;
        }
        return null;
    }

    private static Code compare(NewAccount a, Account existing) {
        if (!a.currency().equals(existing.currency())) {
            return Code.EXISTS_WITH_DIFFERENT_CURRENCY;
        }
        if (a.type() != existing.type()) {
            return Code.EXISTS_WITH_DIFFERENT_TYPE;
        }
        if (!a.flags().equals(existing.flags())) {
            return Code.EXISTS_WITH_DIFFERENT_FLAGS;
        }
        if (!Objects.equals(a.ownerRef(), existing.ownerRef())) {
            return Code.EXISTS_WITH_DIFFERENT_OWNER_REF;
        }
        if (!Objects.equals(a.code(), existing.code())) {
            return Code.EXISTS_WITH_DIFFERENT_CODE;
        }
        return Code.EXISTS;
    }
}
