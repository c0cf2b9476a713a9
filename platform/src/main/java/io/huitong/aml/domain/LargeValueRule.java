package io.huitong.aml.domain;

/** The large-value rules of Order No. 3, article 5, and which of them a movement falls under. */
public enum LargeValueRule {
    /** Cash paid in or out: 50,000 CNY, or USD 10,000. */
    CASH("cash", "Cash of 50,000 CNY (USD 10,000) or more, single or in one day"),
    /** Transfers from an individual's account, at home: 500,000 CNY, or USD 100,000. */
    INDIVIDUAL_TRANSFER("individual_transfer", "Transfers from an individual's account of 500,000 CNY (USD 100,000) or more, single or in one day"),
    /** Transfers from an individual's account, across the border: 200,000 CNY, or USD 10,000. */
    INDIVIDUAL_CROSS_BORDER_TRANSFER("individual_cross_border_transfer",
            "Cross-border transfers from an individual's account of 200,000 CNY (USD 10,000) or more, single or in one day"),
    /** Transfers from an organisation's account: 2,000,000 CNY, or USD 200,000. */
    ORGANISATION_TRANSFER("organisation_transfer",
            "Transfers from an organisation's account of 2,000,000 CNY (USD 200,000) or more, single or in one day");

    private final String wireName;
    private final String description;

    LargeValueRule(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    /** The rule a movement counts towards: cash in either direction, otherwise money leaving the customer's account; null for none. */
    public static LargeValueRule of(Txn t) {
        if (t.cash()) {
            return CASH;
        }
        if (!t.debit()) {
            return null;
        }
        if (t.organisation()) {
            return ORGANISATION_TRANSFER;
        }
        return t.crossBorder() ? INDIVIDUAL_CROSS_BORDER_TRANSFER : INDIVIDUAL_TRANSFER;
    }
}
