package io.huitong.ledger;

/** The outcome of opening one account; {@code account} is set for OK and EXISTS. */
public record AccountResult(String id, Code code, Account account) {

    public enum Code {
        OK, EXISTS,
        ID_INVALID, CURRENCY_INVALID, TYPE_MISSING, OWNER_REF_INVALID, CODE_INVALID,
        EXISTS_WITH_DIFFERENT_CURRENCY, EXISTS_WITH_DIFFERENT_TYPE, EXISTS_WITH_DIFFERENT_FLAGS,
        EXISTS_WITH_DIFFERENT_OWNER_REF, EXISTS_WITH_DIFFERENT_CODE
    }

    public boolean succeeded() {
        return code == Code.OK || code == Code.EXISTS;
    }
}
