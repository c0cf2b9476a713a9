package io.huitong.risk.internal;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.Ids;
import io.huitong.risk.ReviewedMovements;
import io.huitong.risk.Risk;
import io.huitong.risk.RiskAdmin;
import io.huitong.risk.Assessment;
import io.huitong.risk.RiskDecision;
import io.huitong.risk.RiskDecision.Outcome;
import io.huitong.risk.RiskRequest;
import io.huitong.risk.RiskRule;
import io.huitong.risk.domain.CelRules;
import io.huitong.risk.domain.DefaultRules;
import io.huitong.risk.domain.RiskEngine;
import io.huitong.vault.Vault;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Risk control: decisions through the {@link RiskEngine} with the rules and lists in force, kept compiled in
 * memory and reloaded when another instance changed them; the admin side writes new rule versions, list entries
 * and review verdicts.
 */
class RiskService implements Risk, RiskAdmin {

    private static final Logger log = LoggerFactory.getLogger(RiskService.class);
    static final String CARD_PURPOSE = "risk-card";

    private final RiskEngine engine;
    private final RiskStore store;
    private final Vault vault;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Ids ids;
    private final RiskProperties properties;
    private final Supplier<List<ReviewedMovements>> reviewed;
    private final CelRules cel = new CelRules();

    private volatile RiskEngine.RuleSet rules;
    private volatile RiskEngine.Lists lists = RiskEngine.Lists.EMPTY;
    private final AtomicLong nextReload = new AtomicLong();
    /**
     * The card fingerprints of the latest movements this instance decided, by reference: AML asks for a card payment's
     * fingerprint as the payment succeeds, a moment after the decision, and need not read it back from the log.
     */
    private final Map<String, String> recentFingerprints = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > RECENT_FINGERPRINTS;
                }
            });
    private static final int RECENT_FINGERPRINTS = 10_000;

    RiskService(RiskEngine engine, RiskStore store, Vault vault, TransactionTemplate tx, Clock clock, Ids ids, RiskProperties properties,
                Supplier<List<ReviewedMovements>> reviewed) {
        this.engine = engine;
        this.store = store;
        this.vault = vault;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
        this.properties = properties;
        this.reviewed = reviewed;
    }

    // ---- decisions ----

    @Override
    public RiskDecision decide(RiskRequest request) {
        Assessment assessment = assess(request);
        record(List.of(assessment));
        return assessment.decision();
    }

    @Override
    public Assessment assess(RiskRequest request) {
        refreshIfDue();
        String fingerprint = request.cardNumber() == null ? null : cardFingerprint(request.cardNumber());
        RiskEngine.Evaluation evaluation = engine.decide(request, fingerprint, rules, lists);
        RiskDecision decision = evaluation.decision();
        if (decision.cardFingerprint() != null && request.reference() != null) {
            recentFingerprints.put(request.reference(), decision.cardFingerprint());
        }
        List<DryRunHit> hits = new java.util.ArrayList<>();
        for (RiskRule rule : evaluation.dryRunMatches()) {
            hits.add(new DryRunHit(ids.next("rdh"), rule.id(), decision.ruleVersion(), rule.action().wireName(), request.reference(),
                    request.kind(), request.amount(), request.currency(), request.at()));
        }
        return new Assessment(ids.next("rsd"), request, decision, hits);
    }

    @Override
    public void record(List<Assessment> assessments) {
        store.insertDecisions(assessments);
        store.insertDryRunHits(assessments.stream().flatMap(a -> a.dryRunHits().stream()).toList());
    }

    @Override
    public java.util.Optional<String> cardFingerprintOf(String reference) {
        String recent = reference == null ? null : recentFingerprints.get(reference);
        return recent != null ? java.util.Optional.of(recent) : store.cardFingerprintOf(reference);
    }

    @Override
    public String cardFingerprint(String cardNumber) {
        return vault.fingerprint(CARD_PURPOSE, cardNumber.replaceAll("[ -]", ""));
    }

    @Override
    public void openReview(RiskRequest request, RiskDecision decision) {
        String id = ids.next("rvw");
        Instant now = now();
        store.insertReview(new ReviewCase(id, request.reference(), request.kind(), request.merchantId(), request.userId(), request.amount(),
                request.currency(), decision.score(), decision.reasons(), "open", null, null, now), decision.cardFingerprint());
        store.insertReviewAction(ids.next("rva"), id, "opened", "system", String.join(",", decision.reasons()), now);
    }

    private void refreshIfDue() {
        long now = System.nanoTime();
        long due = nextReload.get();
        if (rules != null && now - due < 0) {
            return;
        }
        if (!nextReload.compareAndSet(due, now + properties.reloadInterval().toNanos()) && rules != null) {
            return;
        }
        reload();
    }

    /** Loads the rules in force (seeding version 1 on first start) and the lists. */
    synchronized void reload() {
        Integer version = store.currentVersion().orElse(null);
        if (version == null) {
            try {
                tx.executeWithoutResult(s -> store.insertVersion(1, "the default rules", "system", now(), DefaultRules.RULES));
            } catch (DuplicateKeyException e) {
                // another instance seeded them
            }
            version = 1;
        }
        if (rules == null || rules.version() != version) {
            RuleSet set = store.ruleSet(version).orElseThrow();
            List<RiskEngine.CompiledRule> compiled = new ArrayList<>();
            for (RiskRule r : set.rules()) {
                try {
                    compiled.add(new RiskEngine.CompiledRule(r, cel.compile(r.expression())));
                } catch (CelRules.InvalidExpression e) {
                    log.error("Risk rule {} of version {} does not compile and is skipped: {}", r.id(), version, e.getMessage());
                }
            }
            rules = new RiskEngine.RuleSet(version, List.copyOf(compiled));
        }
        Map<String, Map<String, Outcome>> entries = new HashMap<>();
        for (ListEntry e : store.listEntries(null)) {
            entries.computeIfAbsent(e.type(), t -> new HashMap<>()).put(e.value(), Outcome.fromWire(e.action()));
        }
        lists = new RiskEngine.Lists(entries);
    }

    private void reloadNow() {
        nextReload.set(System.nanoTime() + properties.reloadInterval().toNanos());
        reload();
    }

    // ---- rules ----

    @Override
    public RuleSet rules(Integer version) {
        refreshIfDue();
        int v = version == null ? rules.version() : version;
        return store.ruleSet(v).orElseThrow(() -> ApiException.notFound("rules version", String.valueOf(v)));
    }

    @Override
    public List<RuleSet> versions() {
        refreshIfDue();
        return store.versions(100);
    }

    @Override
    public RuleSet createRule(RuleInput input, String operator) {
        RiskRule rule = validated(input, null);
        return change(operator, "created " + rule.id(), current -> {
            if (current.stream().anyMatch(r -> r.id().equals(rule.id()))) {
                throw ApiException.conflict("rule_exists", "A rule with id '" + rule.id() + "' exists; update it instead.");
            }
            List<RiskRule> next = new ArrayList<>(current);
            next.add(rule);
            return next;
        });
    }

    @Override
    public RuleSet updateRule(String id, RuleInput input, String operator) {
        RiskRule existing = rules(null).rules().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("rule", id));
        if (input.id() != null && !input.id().equals(id)) {
            throw ApiException.invalid("id", "a rule's id cannot change");
        }
        RiskRule rule = validated(input, existing);
        return change(operator, "updated " + id, current -> current.stream().map(r -> r.id().equals(id) ? rule : r).toList());
    }

    @Override
    public RuleSet deleteRule(String id, String operator) {
        return change(operator, "deleted " + id, current -> {
            if (current.stream().noneMatch(r -> r.id().equals(id))) {
                throw ApiException.notFound("rule", id);
            }
            return current.stream().filter(r -> !r.id().equals(id)).toList();
        });
    }

    @Override
    public RuleInput checkRule(String id, RuleInput input) {
        if (id == null) {
            RiskRule rule = validated(input, null);
            if (rules(null).rules().stream().anyMatch(r -> r.id().equals(rule.id()))) {
                throw ApiException.conflict("rule_exists", "A rule with id '" + rule.id() + "' exists; update it instead.");
            }
            return new RuleInput(rule.id(), input.name(), input.expression(), input.action(), input.score(), input.enabled(), input.mode());
        }
        RiskRule existing = rules(null).rules().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("rule", id));
        if (input.id() != null && !input.id().equals(id)) {
            throw ApiException.invalid("id", "a rule's id cannot change");
        }
        validated(input, existing);
        return input;
    }

    @Override
    public void checkRuleExists(String id) {
        if (rules(null).rules().stream().noneMatch(r -> r.id().equals(id))) {
            throw ApiException.notFound("rule", id);
        }
    }

    private RuleSet change(String operator, String note, java.util.function.UnaryOperator<List<RiskRule>> edit) {
        RuleSet current = rules(null);
        List<RiskRule> next = edit.apply(current.rules());
        int version = current.version() + 1;
        try {
            tx.executeWithoutResult(s -> store.insertVersion(version, note, operator, now(), next));
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("rules_changed", "The rules changed meanwhile (version " + version + " exists); read them and retry.");
        }
        reloadNow();
        return store.ruleSet(version).orElseThrow();
    }

    private RiskRule validated(RuleInput in, RiskRule existing) {
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

    @Override
    public io.huitong.kernel.Page<Decision> decisions(String reference, String userId, String cardFingerprint,
                                                      io.huitong.kernel.PageRequest page) {
        int given = (reference == null ? 0 : 1) + (userId == null ? 0 : 1) + (cardFingerprint == null ? 0 : 1);
        if (given != 1) {
            throw ApiException.invalid("reference", "Give exactly one of reference, user and card_fingerprint.");
        }
        if (cardFingerprint != null && !cardFingerprint.matches("[0-9a-f]{64}")) {
            throw ApiException.invalid("card_fingerprint", "card_fingerprint is 64 lowercase hexadecimal digits.");
        }
        if (reference != null) {
            return store.decisionsOf(reference, page);
        }
        return userId != null ? store.decisions("user_id", userId, page) : store.decisions("card_fingerprint", cardFingerprint, page);
    }

    @Override
    public io.huitong.kernel.Page<DryRunHit> dryRunHits(String ruleId, io.huitong.kernel.PageRequest page) {
        return store.dryRunHits(ruleId, page);
    }

    // ---- lists ----

    @Override
    public List<ListEntry> listEntries(String type) {
        return store.listEntries(listType(type));
    }

    @Override
    public ListEntry addListEntry(String type, ListInput in, String operator) {
        String t = listType(type);
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
                value = cardFingerprint(digits);
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
        ListEntry entry = new ListEntry(ids.next("rle"), t, value, in.action(), in.reason(), operator, now());
        try {
            store.insertEntry(entry);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("list_entry_exists", "This " + t + " is listed already; remove its entry first.");
        }
        reloadNow();
        return entry;
    }

    private static boolean validIp(String value) {
        try {
            new io.huitong.risk.RiskContext(value, null, null, null, null, null);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    @Override
    public void removeListEntry(String type, String id, String operator) {
        if (!store.deleteEntry(listType(type), id)) {
            throw ApiException.notFound("list entry", id);
        }
        log.info("Risk list entry {} ({}) removed by {}", id, type, operator);
        reloadNow();
    }

    private static String listType(String type) {
        if (type == null) {
            return null;
        }
        if (!RiskEngine.LIST_TYPES.contains(type)) {
            throw ApiException.notFound("list", type);
        }
        return type;
    }

    // ---- reviews ----

    @Override
    public io.huitong.kernel.Page<ReviewCase> reviews(String status, io.huitong.kernel.PageRequest page) {
        if (status != null && !List.of("open", "approved", "rejected").contains(status)) {
            throw ApiException.invalid("status", "status must be open, approved or rejected");
        }
        return store.reviews(status, page);
    }

    @Override
    public ReviewDetail review(String id, String operator) {
        ReviewCase c = store.review(id, false).orElseThrow(() -> ApiException.notFound("review", id));
        store.insertReviewAction(ids.next("rva"), id, "viewed", operator, null, now());
        String fingerprint = store.reviewCardFingerprint(id).orElse(null);
        return new ReviewDetail(c, store.reviewActions(id), store.history(fingerprint, c.userId(), c.reference(), 20));
    }

    @Override
    public ReviewCase approve(String id, String operator, String note) {
        return verdict(id, operator, note, true);
    }

    @Override
    public ReviewCase reject(String id, String operator, String note) {
        return verdict(id, operator, note, false);
    }

    private ReviewCase verdict(String id, String operator, String note, boolean approve) {
        if (note != null && note.length() > 500) {
            throw ApiException.invalid("note", "note must be at most 500 characters");
        }
        ReviewCase c = store.review(id, false).orElseThrow(() -> ApiException.notFound("review", id));
        if (!c.status().equals("open")) {
            throw ApiException.conflict("review_closed", "This review is " + c.status() + " already.");
        }
        ReviewedMovements handler = reviewed.get().stream().filter(h -> h.handles(c.kind())).findFirst()
                .orElseThrow(() -> new IllegalStateException("nothing carries out reviews of " + c.kind()));
        if (approve) {
            handler.approve(c.reference());
        } else {
            handler.reject(c.reference());
        }
        String status = approve ? "approved" : "rejected";
        return tx.execute(s -> {
            ReviewCase current = store.review(id, true).orElseThrow();
            if (!current.status().equals("open")) {
                throw ApiException.conflict("review_closed", "This review is " + current.status() + " already.");
            }
            Instant now = now();
            store.decideReview(id, status, operator, now);
            store.insertReviewAction(ids.next("rva"), id, approve ? "approved" : "rejected", operator, note, now);
            return store.review(id, false).orElseThrow();
        });
    }

    private Instant now() {
        return DbTimes.now(clock);
    }
}
