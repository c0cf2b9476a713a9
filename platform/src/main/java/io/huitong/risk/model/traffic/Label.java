package io.huitong.risk.model.traffic;

/** What a generated money movement really is. The fraud model learns {@link #fraud()}. */
public enum Label {
    /** A customer's own payment or transfer. */
    LEGIT(false),
    /** A fraudster logged into a customer's account from a new device and drains it to mule accounts. */
    ACCOUNT_TAKEOVER(true),
    /** A bot tries stolen cards with small amounts across merchants, then cashes some out. */
    CARD_TESTING(true),
    /** A mule account moves money it just received onwards: to the next mule, crypto or gift cards. */
    MULE(true),
    /**
     * Money laundering: funds gathered from many accounts and spread on (fan-in, rapid in-and-out, fan-out), round
     * amounts, amounts just under the large-value threshold. Not fraud against a payer: anti-money-laundering
     * finds it, not the fraud model.
     */
    LAUNDERING(false);

    private final boolean fraud;

    Label(boolean fraud) {
        this.fraud = fraud;
    }

    public boolean fraud() {
        return fraud;
    }
}
