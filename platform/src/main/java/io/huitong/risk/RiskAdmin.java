package io.huitong.risk;

import java.time.Instant;
import java.util.List;

/** Operators' management of risk control: rules, lists and review cases. {@code operator} is who acts. */
public interface RiskAdmin {

    /** A version of the rules: the whole set as it was. */
    record RuleSet(int version, String change, String createdBy, Instant createdAt, List<RiskRule> rules) {
    }

    /** A rule as an operator writes it; on an update, absent fields keep their value. */
    record RuleInput(String id, String name, String expression, String action, Integer score, Boolean enabled, String mode) {
    }

    record DryRunHit(String id, String rule, int ruleVersion, String action, String reference, String kind, long amount,
                     String currency, Instant createdAt) {
    }

    record ListEntry(String id, String type, String value, String action, String reason, String createdBy, Instant createdAt) {
    }

    /** A card entry gives {@code cardNumber} (fingerprinted at once, never kept) or {@code fingerprint}. */
    record ListInput(String value, String cardNumber, String fingerprint, String action, String reason) {
    }

    record ReviewCase(String id, String reference, String kind, String merchantId, String userId, long amount, String currency,
                      int score, List<String> reasons, String status, String decidedBy, Instant decidedAt, Instant createdAt) {
    }

    record ReviewAction(String action, String operator, String note, Instant createdAt) {
    }

    /** A decision in the payer's recent history (same card or same user). */
    record HistoryItem(String reference, String kind, String merchantId, long amount, String currency, String decision, int score,
                       List<String> reasons, Instant createdAt) {
    }

    record ReviewDetail(ReviewCase review, List<ReviewAction> actions, List<HistoryItem> history) {
    }

    /** One decision as the decision log keeps it: the movement, what described the payer, the outcome and why. */
    record Decision(String id, String object, String reference, String kind, String merchant, String user, String cardFingerprint,
                    String deviceId, String ip, long amount, String currency, String decision, int score, List<String> reasons,
                    int ruleVersion, Instant createdAt) {
    }

    RuleSet rules(Integer version);

    List<RuleSet> versions();

    RuleSet createRule(RuleInput input, String operator);

    RuleSet updateRule(String id, RuleInput input, String operator);

    RuleSet deleteRule(String id, String operator);

    /**
     * Refuses a rule change {@link #createRule} ({@code id} null) or {@link #updateRule} would refuse, the same way, and
     * changes nothing; answers the input with the id the rule will have (a new rule without one gets it now).
     */
    RuleInput checkRule(String id, RuleInput input);

    /** Refuses the removal of a rule that does not exist (404), as {@link #deleteRule} would; changes nothing. */
    void checkRuleExists(String id);

    io.huitong.kernel.Page<DryRunHit> dryRunHits(String ruleId, io.huitong.kernel.PageRequest page);

    /**
     * The decision log, newest first, for one movement ({@code reference}: every decision on it, those recorded
     * before decisions had ids too), one consumer ({@code userId}) or one card ({@code cardFingerprint}); exactly
     * one of them is given (400 otherwise).
     */
    io.huitong.kernel.Page<Decision> decisions(String reference, String userId, String cardFingerprint, io.huitong.kernel.PageRequest page);

    List<ListEntry> listEntries(String type);

    ListEntry addListEntry(String type, ListInput input, String operator);

    void removeListEntry(String type, String id, String operator);

    io.huitong.kernel.Page<ReviewCase> reviews(String status, io.huitong.kernel.PageRequest page);

    /** Opens a case to look at it: the reasons and the payer's recent history; the look is recorded. */
    ReviewDetail review(String id, String operator);

    ReviewCase approve(String id, String operator, String note);

    ReviewCase reject(String id, String operator, String note);
}
