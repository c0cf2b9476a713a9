package io.huitong.risk.internal;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.Ids;
import io.huitong.risk.RiskAdmin.ListInput;
import io.huitong.risk.RiskAdmin.RuleInput;
import io.huitong.risk.RiskDecision.Outcome;
import io.huitong.risk.RiskRule;
import io.huitong.risk.domain.CelRules;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** What an analyst asks for, checked: a rule (new, or an existing one changed) and a list entry's value. Refusals are 400s naming the field. */
final class RiskInputs {

    private RiskInputs() {
    }

    static RiskRule rule(RuleInput in, RiskRule existing, Ids ids, CelRules cel) {
        String id = existing != null ? existing.id() : in.id() != null ? in.id() : ids.next("rule").replace('-', '_').toLowerCase(Locale.ROOT);
        if (!id.matches("[a-z0-9_]{1,64}")) {
            throw ApiException.invalid("id", "id must be 1 to 64 lower-case letters, digits or underscores");
        }
        String name = in.name() != null ? in.name() : existing != null ? existing.name() : id;
        if (name.isBlank() || name.length() > 200) {
            throw ApiException.invalid("name", "name must be 1 to 200 characters");
        }
        String expression = in.expression() != null ? in.expression() : existing != null ? existing.expression() : null;
        if (expression == null) {
            throw ApiException.missing("expression");
        }
        try {
            cel.compile(expression);
        } catch (CelRules.InvalidExpression e) {
            throw new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "parameter_invalid",
                    "expression does not compile: " + e.getMessage(), "expression");
        }
        Outcome action;
        if (in.action() != null) {
            if (!List.of("challenge", "review", "block").contains(in.action())) {
                throw ApiException.invalid("action", "action must be challenge, review or block");
            }
            action = Outcome.fromWire(in.action());
        } else if (existing != null) {
            action = existing.action();
        } else {
            throw ApiException.missing("action");
        }
        int score = in.score() != null ? in.score() : existing != null ? existing.score() : 0;
        if (score < 0 || score > 100) {
            throw ApiException.invalid("score", "score must be between 0 and 100");
        }
        boolean enabled = in.enabled() != null ? in.enabled() : existing == null || existing.enabled();
        String mode = in.mode() != null ? in.mode() : existing != null ? existing.mode() : RiskRule.ACTIVE;
        if (!mode.equals(RiskRule.ACTIVE) && !mode.equals(RiskRule.DRY_RUN)) {
            throw ApiException.invalid("mode", "mode must be active or dry_run");
        }
        return new RiskRule(id, name, expression, action, score, enabled, mode);
    }

    /** The value a list entry of type {@code t} keeps: a card by its keyed fingerprint ({@code fingerprint} of its number), never the number. */
    static String listedValue(String t, ListInput in, UnaryOperator<String> fingerprint) {
        if (in.action() == null) {
            throw ApiException.missing("action");
        }
        if (!in.action().equals("block") && !in.action().equals("allow")) {
            throw ApiException.invalid("action", "action must be block or allow");
        }
        if (in.reason() != null && in.reason().length() > 500) {
            throw ApiException.invalid("reason", "reason must be at most 500 characters");
        }
        String value;
        if (t.equals("card")) {
            if (in.value() != null) {
                throw ApiException.invalid("value", "a card is listed by card_number or fingerprint, never value");
            }
            if ((in.cardNumber() == null) == (in.fingerprint() == null)) {
                throw ApiException.invalid("card_number", "give card_number or fingerprint (one of them)");
            }
            if (in.cardNumber() != null) {
                String digits = in.cardNumber().replaceAll("[ -]", "");
                if (!digits.matches("[0-9]{12,19}")) {
                    throw ApiException.invalid("card_number", "card_number must be 12 to 19 digits");
                }
                value = fingerprint.apply(digits);
            } else {
                if (!in.fingerprint().matches("[0-9a-f]{64}")) {
                    throw ApiException.invalid("fingerprint", "fingerprint must be 64 lower-case hex digits");
                }
                value = in.fingerprint();
            }
        } else {
            if (in.cardNumber() != null || in.fingerprint() != null) {
                throw ApiException.invalid(in.cardNumber() != null ? "card_number" : "fingerprint", "card_number and fingerprint go with cards only");
            }
            if (in.value() == null) {
                throw ApiException.missing("value");
            }
            value = in.value().strip();
            if (value.isEmpty() || value.length() > 128) {
                throw ApiException.invalid("value", "value must be 1 to 128 characters");
            }
            if (t.equals("ip") && !io.huitong.risk.domain.Places.isPublic(value) && !validIp(value)) {
                throw ApiException.invalid("value", "value must be an IPv4 or IPv6 address");
            }
        }
        return value;
    }

    private static boolean validIp(String value) {
        try {
            new io.huitong.risk.RiskContext(value, null, null, null, null, null);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }
}
