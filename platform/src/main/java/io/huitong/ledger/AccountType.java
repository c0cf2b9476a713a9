package io.huitong.ledger;

/** The five classic account types; each has a normal balance side. */
public enum AccountType {
    ASSET(true), LIABILITY(false), EQUITY(false), REVENUE(false), EXPENSE(true);

    private final boolean debitNormal;

    AccountType(boolean debitNormal) {
        this.debitNormal = debitNormal;
    }

    public boolean debitNormal() {
        return debitNormal;
    }
}
