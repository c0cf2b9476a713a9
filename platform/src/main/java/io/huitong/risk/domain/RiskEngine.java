package io.huitong.risk.domain;

import io.huitong.risk.RiskRule;
import io.huitong.risk.RiskDecision;
import io.huitong.risk.RiskDecision.Outcome;
import io.huitong.risk.RiskRequest;
import io.huitong.risk.model.Features;
import io.huitong.risk.model.FraudModel;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The decision on one money movement, in this order:
 * <ol>
 *   <li>lists: a block-listed card (by fingerprint), device, IP address, user or merchant blocks; otherwise an
 *       allow-listed one allows at once, the rules unasked (a block list entry always wins over an allow list
 *       entry);</li>
 *   <li>velocity and the payer's history are read, the features computed and the fraud model, if one is
 *       loaded, scores them;</li>
 *   <li>the rules: of the active rules that match, the strongest action wins (block over review over challenge);
 *       none matching allows. Dry-run rules that match are reported and never act.</li>
 * </ol>
 * The score is the model's probability times 100 (0 without a model) plus the scores of the matching active
 * rules, capped at 100. Velocity counts the movement unless it is blocked: a blocked attempt moves nothing.
 */
public final class RiskEngine {

    public static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");
    /** Under 10.00: a small payment, as card testers make. */
    public static final long SMALL_AMOUNT = 1000;
    public static final List<String> LIST_TYPES = List.of("card", "device", "ip", "user", "merchant");

    /** A rule and its compiled expression. */
    public record CompiledRule(RiskRule rule, CelRules.Compiled compiled) {
    }

    public record RuleSet(int version, List<CompiledRule> rules) {
    }

    /** The entries of the block and allow lists, by type ({@link #LIST_TYPES}) and value. */
    public record Lists(Map<String, Map<String, Outcome>> entries) {
        public static final Lists EMPTY = new Lists(Map.of());

        Outcome find(String type, String value) {
            if (value == null) {
                return null;
            }
            Map<String, Outcome> byValue = entries.get(type);
            return byValue == null ? null : byValue.get(value);
        }
    }

    /** The decision, the dry-run rules that matched, and the features the model saw. */
    public record Evaluation(RiskDecision decision, List<RiskRule> dryRunMatches, Features features) {
    }

    private final VelocityStore velocity;
    private final Supplier<FraudModel> model;
    private final Places places;

    public RiskEngine(VelocityStore velocity, Supplier<FraudModel> model, Places places) {
        this.velocity = velocity;
        this.model = model;
        this.places = places;
    }

    public VelocityStore velocity() {
        return velocity;
    }

    public Places places() {
        return places;
    }

    public Evaluation decide(RiskRequest r, String cardFingerprint, RuleSet rules, Lists lists) {
        String ip = Places.isPublic(r.context().ip()) ? r.context().ip() : null;
        String device = r.context().deviceId();
        String[] keys = {cardFingerprint == null ? null : "card:" + cardFingerprint, device == null ? null : "device:" + device,
                ip == null ? null : "ip:" + ip, r.userId() == null ? null : "user:" + r.userId(),
                r.merchantId() == null ? null : "merchant:" + r.merchantId()};
        String payerKey = keys[0] != null ? keys[0] : keys[3];

        // 1. lists
        Outcome listed = null;
        String listReason = null;
        String[] values = {cardFingerprint, device, ip, r.userId(), r.merchantId()};
        for (int i = 0; i < values.length; i++) {
            Outcome o = lists.find(LIST_TYPES.get(i), values[i]);
            if (o == Outcome.BLOCK) {
                listed = Outcome.BLOCK;
                listReason = "list:" + LIST_TYPES.get(i) + ":block";
                break;
            }
            if (o == Outcome.ALLOW && listed == null) {
                listed = Outcome.ALLOW;
                listReason = "list:" + LIST_TYPES.get(i) + ":allow";
            }
        }
        if (listed == Outcome.BLOCK) {
            return new Evaluation(new RiskDecision(Outcome.BLOCK, 100, List.of(listReason), rules.version(), cardFingerprint), List.of(), null);
        }

        // 2. velocity, history, features, model
        VelocityStore.Reading read = velocity.read(keys, payerKey, device, r.at());
        VelocityStore.Window card = read.windows().get(0);
        VelocityStore.Window dev = read.windows().get(1);
        VelocityStore.Window ipw = read.windows().get(2);
        VelocityStore.Window user = read.windows().get(3);
        VelocityStore.Window merchant = read.windows().get(4);
        VelocityStore.Window payerWindow = keys[0] != null ? card : user;
        VelocityStore.Payer payer = read.payer();

        boolean newDevice = device != null && payerKey != null && !payer.knowsDevice();
        Double lat = r.context().latitude();
        Double lon = r.context().longitude();
        double km = 0;
        double minutes = 1_000_000;
        if (lat != null && payer.lastLatitude() != null) {
            km = Places.km(payer.lastLatitude(), payer.lastLongitude(), lat, lon);
            minutes = Duration.between(payer.lastLocatedAt(), r.at()).toMillis() / 60_000.0;
        } else if (payer.lastSeen() != null) {
            minutes = Duration.between(payer.lastSeen(), r.at()).toMillis() / 60_000.0;
        }
        double toMedian = payer.medianAmount() > 0 ? (double) r.amount() / payer.medianAmount() : 1.0;
        String cardCountry = places.cardCountry(r.cardNumber());
        String ipCountry = places.ipCountry(ip);
        String declared = r.context().country() == null ? "" : r.context().country();
        boolean mismatch = differ(cardCountry, ipCountry) || differ(cardCountry, declared) || differ(ipCountry, declared);
        int hour = r.at().atZone(LOCAL).getHour();
        java.time.Instant since = payer.firstSeen();
        if (r.payerSince() != null && (since == null || r.payerSince().isBefore(since))) {
            since = r.payerSince();
        }
        double ageDays = since == null ? 0 : Math.max(0, Duration.between(since, r.at()).toMillis() / 86_400_000.0);
        Features features = new Features(r.amount(), toMedian, hour, payerWindow.count1h(), payerWindow.sum24h(), dev.count24h(),
                ipw.count1h(), newDevice, mismatch, km, minutes, payerWindow.small1h(), ageDays);
        FraudModel fraudModel = model.get();
        double modelScore = fraudModel == null ? 0 : Math.max(0, Math.min(1, fraudModel.probability(features))) * 100;

        List<RiskRule> dryRun = List.of();
        Outcome outcome = Outcome.ALLOW;
        List<String> reasons = new ArrayList<>(2);
        int score = (int) Math.round(modelScore);
        if (listed == Outcome.ALLOW) {
            reasons.add(listReason);
        } else {
            // 3. rules
            Map<String, Object> vars = new HashMap<>(32);
            vars.put("amount", r.amount());
            vars.put("currency", r.currency());
            vars.put("kind", r.kind());
            vars.put("merchant", orEmpty(r.merchantId()));
            vars.put("user", orEmpty(r.userId()));
            vars.put("device_id", orEmpty(device));
            vars.put("card", Map.of("fingerprint", orEmpty(cardFingerprint), "country", cardCountry));
            vars.put("ip", Map.of("address", orEmpty(ip), "country", ipCountry));
            vars.put("declared_country", declared);
            vars.put("velocity", Map.of("card", counts(card), "device", counts(dev), "ip", counts(ipw), "user", counts(user),
                    "merchant", counts(merchant)));
            // for the rules, a device is new to a payer seen before: a first payment's device is not news
            vars.put("new_device", newDevice && payer.lastSeen() != null);
            vars.put("country_mismatch", mismatch);
            vars.put("km_from_last", km);
            vars.put("minutes_since_last", minutes);
            vars.put("amount_to_median", toMedian);
            vars.put("small_payments_1h", (long) payerWindow.small1h());
            vars.put("hour_of_day", (long) hour);
            vars.put("account_age_days", ageDays);
            vars.put("model_score", modelScore);
            for (CompiledRule cr : rules.rules()) {
                RiskRule rule = cr.rule();
                if (!rule.enabled() || !cr.compiled().matches(vars)) {
                    continue;
                }
                if (rule.active()) {
                    outcome = outcome.max(rule.action());
                    score += rule.score();
                    reasons.add(rule.id());
                } else if (rule.dryRun()) {
                    if (dryRun.isEmpty()) {
                        dryRun = new ArrayList<>(2);
                    }
                    dryRun.add(rule);
                }
            }
            if (outcome == Outcome.ALLOW && reasons.isEmpty() && modelScore > 0) {
                reasons.add("model_score");
            }
        }
        RiskDecision decision = new RiskDecision(outcome, Math.min(100, score), List.copyOf(reasons), rules.version(), cardFingerprint);

        // velocity counts what may move
        if (outcome != Outcome.BLOCK) {
            velocity.record(keys, payerKey, r.at(), r.amount(), r.amount() < SMALL_AMOUNT, lat, lon, device);
        }
        return new Evaluation(decision, dryRun, features);
    }

    private static boolean differ(String a, String b) {
        return !a.isEmpty() && !b.isEmpty() && !a.equals(b);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Map<String, Long> counts(VelocityStore.Window w) {
        return Map.of("count_1h", (long) w.count1h(), "sum_1h", w.sum1h(), "count_24h", (long) w.count24h(),
                "sum_24h", w.sum24h(), "small_1h", (long) w.small1h());
    }
}
