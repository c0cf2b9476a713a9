package io.huitong.risk.internal;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
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
    private final RiskReviews reviewCases;
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
        this.reviewCases = new RiskReviews(store, tx, clock, ids, reviewed);
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
        reviewCases.open(request, decision);
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

    // ---- reviews (RiskReviews) ----

    @Override
    public io.huitong.kernel.Page<ReviewCase> reviews(String status, io.huitong.kernel.PageRequest page) {
        return reviewCases.reviews(status, page);
    }

    @Override
    public ReviewDetail review(String id, String operator) {
        return reviewCases.review(id, operator);
    }

    @Override
    public ReviewCase approve(String id, String operator, String note) {
        return reviewCases.verdict(id, operator, note, true);
    }

    @Override
    public ReviewCase reject(String id, String operator, String note) {
        return reviewCases.verdict(id, operator, note, false);
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
        RiskRule rule = RiskInputs.rule(input, null, ids, cel);
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
        RiskRule rule = RiskInputs.rule(input, existing, ids, cel);
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
            RiskRule rule = RiskInputs.rule(input, null, ids, cel);
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
        RiskInputs.rule(input, existing, ids, cel);
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
        String value = RiskInputs.listedValue(t, in, this::cardFingerprint);
        ListEntry entry = new ListEntry(ids.next("rle"), t, value, in.action(), in.reason(), operator, now());
        try {
            store.insertEntry(entry);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("list_entry_exists", "This " + t + " is listed already; remove its entry first.");
        }
        reloadNow();
        return entry;
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

    private Instant now() {
        return DbTimes.now(clock);
    }
}
