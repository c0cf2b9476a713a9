package io.huitong.risk;

import io.huitong.risk.RiskDecision.Outcome;

/**
 * An operator's rule: when {@code expression} (CEL, over the variables the rules API documents names) is true,
 * the movement gets {@code action} and the rule's {@code score} adds to the decision's. A rule in
 * {@code dry_run} mode records what it would have decided and never acts.
 */
public record RiskRule(String id, String name, String expression, Outcome action, int score, boolean enabled, String mode) {

    public static final String ACTIVE = "active";
    public static final String DRY_RUN = "dry_run";

    public boolean active() {
        return enabled && ACTIVE.equals(mode);
    }

    public boolean dryRun() {
        return enabled && DRY_RUN.equals(mode);
    }
}
