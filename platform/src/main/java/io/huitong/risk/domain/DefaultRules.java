package io.huitong.risk.domain;

import io.huitong.risk.RiskRule;
import io.huitong.risk.RiskDecision.Outcome;
import java.util.List;

/**
 * The rules every installation starts with (version 1). Amounts are in minor units of the payment's currency.
 * The thresholds let ordinary traffic through: operators tighten them through the rules API.
 */
public final class DefaultRules {

    private DefaultRules() {
    }

    public static final List<RiskRule> RULES = List.of(
            new RiskRule("amount_limit_review", "Large amount: review", "amount >= 10000000", Outcome.REVIEW, 40, true, RiskRule.ACTIVE),
            new RiskRule("amount_limit_block", "Amount over the limit", "amount >= 100000000", Outcome.BLOCK, 80, true, RiskRule.ACTIVE),
            new RiskRule("card_velocity", "Card used too often",
                    "velocity.card.count_1h >= 150 || velocity.card.sum_24h >= 50000000", Outcome.BLOCK, 60, true, RiskRule.ACTIVE),
            new RiskRule("device_velocity", "Device used too often", "velocity.device.count_24h >= 30", Outcome.REVIEW, 30, true, RiskRule.ACTIVE),
            new RiskRule("ip_velocity", "IP address used too often", "velocity.ip.count_1h >= 50", Outcome.BLOCK, 50, true, RiskRule.ACTIVE),
            new RiskRule("user_velocity", "User pays too often or too much",
                    "velocity.user.count_1h >= 60 || velocity.user.sum_24h >= 20000000", Outcome.REVIEW, 30, true, RiskRule.ACTIVE),
            new RiskRule("merchant_velocity", "Merchant volume far above normal", "velocity.merchant.sum_24h >= 10000000000",
                    Outcome.REVIEW, 20, true, RiskRule.ACTIVE),
            new RiskRule("new_device_large_amount", "New device and a large amount", "new_device && amount >= 500000",
                    Outcome.CHALLENGE, 30, true, RiskRule.ACTIVE),
            // account takeover: the taker's device is new to the account, and they send more than its owner does
            new RiskRule("new_device_transfer", "A transfer from a device new to the payer, above their usual amount",
                    "new_device && kind == 'wallet_transfer' && amount_to_median >= 2.0 && amount >= 50000", Outcome.CHALLENGE, 30, true,
                    RiskRule.ACTIVE),
            new RiskRule("impossible_travel", "Impossible travel since the payer's last payment",
                    "km_from_last >= 500.0 && km_from_last / (minutes_since_last / 60.0 + 0.01) > 900.0", Outcome.REVIEW, 50, true,
                    RiskRule.ACTIVE),
            // the IP address in neither the country the payer declares nor the card's: a card issued abroad to a
            // resident, or a traveller's card at home, is not on its own a mismatch
            new RiskRule("country_mismatch", "The IP address is in neither the declared country nor the card's",
                    "ip.country != '' && declared_country != '' && ip.country != declared_country && ip.country != card.country",
                    Outcome.CHALLENGE, 25, true, RiskRule.ACTIVE),
            new RiskRule("card_testing", "Burst of small payments (card testing)",
                    "amount < 1000 && (velocity.ip.small_1h >= 10 || velocity.device.small_1h >= 10)", Outcome.BLOCK, 60, true,
                    RiskRule.ACTIVE),
            new RiskRule("amount_above_history", "Amount far above the payer's own history",
                    "amount_to_median >= 30.0 && amount >= 500000", Outcome.CHALLENGE, 30, true, RiskRule.ACTIVE),
            // starts in dry run: the model was trained on generated card traffic, so an operator looks at what it
            // would have held (GET /v1/admin/risk/dry_run_hits) before letting it act on this platform's traffic
            new RiskRule("model_high_risk", "The fraud model finds the payment very likely fraud", "model_score >= 90.0",
                    Outcome.REVIEW, 0, true, RiskRule.DRY_RUN));
}
