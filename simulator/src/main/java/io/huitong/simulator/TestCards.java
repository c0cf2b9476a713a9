package io.huitong.simulator;

/**
 * docs/api.md's test cards: {@code 400000000000xxxx} numbers told apart by their last four digits. Any
 * other number that passes the Luhn check is approved.
 */
final class TestCards {

    enum Behaviour {
        APPROVE,
        /** 0002: declined, do not honour. */
        DECLINE,
        /** 9995: declined, insufficient funds. */
        INSUFFICIENT_FUNDS,
        /** 3220: step-up authentication first, approved once the payer authenticated. */
        STEP_UP,
        /** 0119: system error on the primary acquirer, approved on the other. */
        ERROR_ON_PRIMARY,
        /** 0259: approved and recorded, but the answer is never sent. */
        APPROVE_SILENTLY,
        /** 0267: the request is dropped: never answered, nothing recorded. */
        DROP,
        /** Fails the Luhn check. */
        INVALID_NUMBER
    }

    private static final String TEST_PREFIX = "400000000000";

    private TestCards() {
    }

    static Behaviour behaviour(String pan) {
        if (pan == null || !luhnValid(pan)) {
            return Behaviour.INVALID_NUMBER;
        }
        if (pan.length() != 16 || !pan.startsWith(TEST_PREFIX)) {
            return Behaviour.APPROVE;
        }
        return switch (pan.substring(12)) {
            case "0002" -> Behaviour.DECLINE;
            case "9995" -> Behaviour.INSUFFICIENT_FUNDS;
            case "3220" -> Behaviour.STEP_UP;
            case "0119" -> Behaviour.ERROR_ON_PRIMARY;
            case "0259" -> Behaviour.APPROVE_SILENTLY;
            case "0267" -> Behaviour.DROP;
            default -> Behaviour.APPROVE;
        };
    }

    static boolean luhnValid(String digits) {
        if (digits.length() < 12 || digits.length() > 19 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
