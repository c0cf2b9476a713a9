package io.huitong.consumers;

import java.util.List;

/** The answer to a confirmed authenticator: two-factor login is on, and the recovery codes, shown once. */
public record TotpConfirmation(boolean enabled, List<String> recoveryCodes) {

    public TotpConfirmation {
        recoveryCodes = List.copyOf(recoveryCodes);
    }

    @Override
    public String toString() {
        return "TotpConfirmation[enabled=" + enabled + ", " + recoveryCodes.size() + " recovery codes]";
    }
}
