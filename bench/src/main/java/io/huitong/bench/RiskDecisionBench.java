package io.huitong.bench;

import io.huitong.risk.RiskContext;
import io.huitong.risk.RiskDecision;
import io.huitong.risk.RiskRequest;
import io.huitong.risk.domain.CelRules;
import io.huitong.risk.domain.DefaultRules;
import io.huitong.risk.domain.InMemoryVelocityStore;
import io.huitong.risk.domain.Places;
import io.huitong.risk.domain.RiskEngine;
import io.huitong.risk.domain.VelocityStore;
import io.huitong.risk.internal.RedisVelocityStore;
import io.huitong.risk.model.FraudModelConfiguration;
import io.huitong.risk.model.XgboostFraudModel;
import io.huitong.risk.model.traffic.AddressPlan;
import io.huitong.risk.model.traffic.TrafficEvent;
import io.huitong.risk.model.traffic.TrafficGenerator;
import io.huitong.risk.model.traffic.TrafficGenerator.Settings;
import io.huitong.simulator.Simulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A whole risk decision's latency, in-process: {@code bench/risk-decision.sh}. The risk engine as the platform
 * builds it (the default rules compiled, the built-in fraud model, the generator's address plan as its country
 * tables) decides on every movement of generated traffic, one after the other as they happened: list checks,
 * velocity reads for card, device, IP, user and merchant, the payer's history, the features, the model's score,
 * every rule, and the velocity writes. The first pass over the stream warms the JIT and is not measured; the
 * measured pass starts from empty velocity. Then the same from several threads at once over one velocity store.
 * With {@code --redis=redis://host:port}, velocity is kept in that Redis server instead (under a prefix of its own,
 * deleted after), as several platform instances share it. The goal: p99 at most 5 ms.
 */
public final class RiskDecisionBench {

    static final long GOAL_NANOS = 5_000_000;

    record Input(RiskRequest request, String fingerprint, TrafficEvent event) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = TrainFraudModel.options(args, "seed", "days", "customers", "threads", "redis");
        long seed = Long.parseLong(options.getOrDefault("seed", "99"));
        Settings settings = Settings.defaults(seed).withDays(Integer.parseInt(options.getOrDefault("days", "3")))
                .withCustomers(Integer.parseInt(options.getOrDefault("customers", "5000")));
        int threads = Integer.parseInt(options.getOrDefault("threads", String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors()))));
        String redis = options.get("redis");

        XgboostFraudModel model = FraudModelConfiguration.loadBuiltIn();
        CelRules cel = new CelRules();
        RiskEngine.RuleSet rules = new RiskEngine.RuleSet(1,
                DefaultRules.RULES.stream().map(r -> new RiskEngine.CompiledRule(r, cel.compile(r.expression()))).toList());
        Places places = new Places(AddressPlan.ipCountries(), AddressPlan.cardCountries());
        List<Input> inputs = inputs(new TrafficGenerator(settings).events().toList());

        System.out.printf(Locale.ROOT, "Huitong risk decision benchmark%n");
        System.out.printf(Locale.ROOT, "  engine      %d default rules (CEL), model %s, velocity %s%n", rules.rules().size(), model.version(),
                redis == null ? "in-process" : "Redis " + redis);
        System.out.printf(Locale.ROOT, "  traffic     %,d movements, seed %d, %,d customers, %d days%n", inputs.size(), seed,
                settings.customers(), settings.days());
        System.out.printf(Locale.ROOT, "  client      Java %s, %d CPUs; load average %s%n%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Latencies.loadAverage());

        List<Row> rows = new ArrayList<>();
        try (Store warm = store(redis); Store one = store(redis); Store many = store(redis)) {
            run(new RiskEngine(warm.velocity(), () -> model, places), rules, inputs, 1); // the JIT's warm-up
            rows.add(run(new RiskEngine(one.velocity(), () -> model, places), rules, inputs, 1));
            rows.add(run(new RiskEngine(many.velocity(), () -> model, places), rules, inputs, threads));
        }

        System.out.printf(Locale.ROOT, "%-22s %9s %9s %9s %9s %9s %9s %12s %10s%n", "decisions", "calls", "p50 µs", "p95 µs", "p99 µs",
                "p99.9 µs", "max µs", "decisions/s", "p99/goal");
        for (Row r : rows) {
            long[] sorted = r.nanos().clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-22s %,9d %9.1f %9.1f %9.1f %9.1f %9.0f %,12.0f %9.3fx%n", r.name(), sorted.length,
                    Latencies.pct(sorted, 0.50), Latencies.pct(sorted, 0.95), Latencies.pct(sorted, 0.99), Latencies.pct(sorted, 0.999), sorted[sorted.length - 1] / 1e3,
                    sorted.length / (r.wallNanos() / 1e9), Latencies.pct(sorted, 0.99) * 1e3 / GOAL_NANOS);
        }
        Row single = rows.getFirst();
        long[] sorted = single.nanos().clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%ndecisions (1 thread): %s%n", single.outcomes());
        byLabel(inputs, single, settings);
        System.out.printf(Locale.ROOT, "goal: a decision with velocity (%s) and the model at p99 <= 5 ms: p99 %.1f µs, %s%n",
                redis == null ? "in-process" : "in Redis", Latencies.pct(sorted, 0.99), Latencies.pct(sorted, 0.99) * 1e3 <= GOAL_NANOS ? "met" : "NOT met");
    }

    /**
     * What the default rules did to each kind of movement once a day of history has built up: allowed, or stopped
     * (challenged, held for review or blocked), and what the fraud model's rule, in dry run, would have held.
     */
    static void byLabel(List<Input> inputs, Row run, Settings settings) {
        java.time.Instant from = settings.start().plusDays(1).atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
        System.out.printf(Locale.ROOT, "%nthe default rules on this traffic from day 1 on (velocity in-process, one thread):%n");
        System.out.printf(Locale.ROOT, "%-18s %9s %9s %9s %9s %14s%n", "label", "movements", "allowed", "stopped", "stopped %", "model would %");
        for (io.huitong.risk.model.traffic.Label label : io.huitong.risk.model.traffic.Label.values()) {
            long n = 0;
            long stopped = 0;
            long model = 0;
            for (int i = 0; i < inputs.size(); i++) {
                TrafficEvent e = inputs.get(i).event();
                if (e.label() != label || e.at().isBefore(from)) {
                    continue;
                }
                n++;
                stopped += run.each()[i] == RiskDecision.Outcome.ALLOW ? 0 : 1;
                model += run.modelWould()[i] ? 1 : 0;
            }
            if (n > 0) {
                System.out.printf(Locale.ROOT, "%-18s %,9d %,9d %,9d %8.2f%% %13.2f%%%n", label.name().toLowerCase(Locale.ROOT), n, n - stopped,
                        stopped, 100.0 * stopped / n, 100.0 * model / n);
            }
        }
    }

    /** The generated movements as the platform would put them to risk control. */
    static List<Input> inputs(List<TrafficEvent> events) {
        Map<String, String> cards = new HashMap<>();
        List<Input> inputs = new ArrayList<>(events.size());
        for (TrafficEvent e : events) {
            RiskContext context = new RiskContext(e.ip(), e.device(), e.country(), e.latitude(), e.longitude(), null);
            boolean card = e.payerKind() == TrafficEvent.PayerKind.CARD;
            String number = card ? cards.computeIfAbsent(e.payer(), k -> Simulator.approvedCard(AddressPlan.cardPrefix(e.cardCountry()),
                    cards.size())) : null;
            String merchant = e.payee().startsWith("M") ? e.payee() : null;
            String kind = card ? "card_payment" : merchant == null ? "wallet_transfer" : "order_payment";
            inputs.add(new Input(new RiskRequest("ref_" + e.seq(), kind, merchant, card ? null : e.payer(), e.amountMinor(), e.currency(),
                    number, context, e.at(), card ? null : e.payerSince()), card ? "fp-" + e.payer() : null, e));
        }
        return inputs;
    }

    static Row run(RiskEngine engine, RiskEngine.RuleSet rules, List<Input> inputs, int threads) throws Exception {
        long[] nanos = new long[inputs.size()];
        RiskDecision.Outcome[] outcomes = new RiskDecision.Outcome[inputs.size()];
        boolean[] modelWould = new boolean[inputs.size()];
        long elapsed = Latencies.timeEach(inputs.size(), threads, i -> {
            RiskEngine.Evaluation ev = engine.decide(inputs.get(i).request(), inputs.get(i).fingerprint(), rules, RiskEngine.Lists.EMPTY);
            outcomes[i] = ev.decision().outcome();
            modelWould[i] = ev.dryRunMatches().stream().anyMatch(r -> r.id().equals("model_high_risk"));
        }, nanos);
        Map<RiskDecision.Outcome, Integer> counts = new EnumMap<>(RiskDecision.Outcome.class);
        for (RiskDecision.Outcome o : outcomes) {
            counts.merge(o, 1, Integer::sum);
        }
        return new Row(threads == 1 ? "1 thread" : threads + " threads", nanos, elapsed, counts, outcomes, modelWould);
    }

    /** A velocity store for one pass, closed (and, in Redis, deleted) after. */
    record Store(VelocityStore velocity, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (closer != null) {
                closer.close();
            }
        }
    }

    static Store store(String redis) {
        if (redis == null) {
            return new Store(new InMemoryVelocityStore(1_000_000), null);
        }
        String prefix = "huitong-bench:" + UUID.randomUUID() + ":";
        RedisVelocityStore store = new RedisVelocityStore(redis, prefix);
        return new Store(store, () -> {
            store.deleteAll();
            store.close();
        });
    }

    record Row(String name, long[] nanos, long wallNanos, Map<RiskDecision.Outcome, Integer> outcomes, RiskDecision.Outcome[] each,
               boolean[] modelWould) {
    }
}
