package io.huitong.web.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.risk.model.traffic.AddressPlan;
import io.huitong.risk.model.traffic.Label;
import io.huitong.risk.model.traffic.TrafficEvent;
import io.huitong.risk.model.traffic.TrafficEvent.PayerKind;
import io.huitong.risk.model.traffic.TrafficGenerator;
import io.huitong.risk.model.traffic.TrafficGenerator.Settings;
import io.huitong.simulator.Simulator;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.TestDatabase;
import io.huitong.web.wallets.WalletFixtures;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A replay of two generated days of traffic, with planted fraud and money laundering, through the platform's API
 * on PostgreSQL, with the rules, lists and model an installation starts with (the model's rule in dry run, recording
 * what it would have held): card payments by the merchants, wallet
 * customers paying merchants by payment code and each other by transfer, each with the payer's device, address,
 * declared country and position in {@code risk_context}, at the time the generator gave it. Then it counts what
 * risk control stopped (refused, held for review, sent to authentication) and what anti-money-laundering reported,
 * against what each movement really was, and prints the table.
 *
 * <p>The platform reads the generator's address plan as its IP and card-prefix country tables, treats every
 * customer as real-name verified (class I, with a figure no customer reaches), and funds each wallet through the ledger before the
 * first day with what its owner will spend, so that only the replayed movements reach risk control and AML.
 */
class RiskScenarioPostgresTests extends WalletFixtures {

    static final TestDatabase DB = TestDatabase.postgres();
    static final Settings SETTINGS = Settings.defaults(7).withCustomers(300).withMerchants(300).withDays(2)
            .withStart(LocalDate.of(2030, 3, 4)).withRates(4, 1.5, 3, 1.5);
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String PASSWORD = "Plum-blossom 2026";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DB.register(registry);
        AddressPlan.ipCountries().forEach((range, country) -> registry.add("huitong.risk.ip-countries[" + range + "]", () -> country));
        AddressPlan.cardCountries().forEach((prefix, country) -> registry.add("huitong.risk.card-countries[" + prefix + "]", () -> country));
        // every customer is verified (class I) and may move what the generator has them move
        registry.add("huitong.wallets.classes.limits.I", () -> "1000000000000");
        registry.add("huitong.consumers.session-ttl", () -> "30d");
    }

    /** What happened to one replayed movement. */
    enum Outcome { ALLOWED, CHALLENGED, HELD, REFUSED }

    record Party(String userId, String phone, String bearer) {
    }

    private String lastReference;

    private final Map<String, OnboardedMerchant> merchants = new HashMap<>();
    private final Map<String, Party> parties = new ConcurrentHashMap<>();
    private final Map<String, String> cards = new HashMap<>();
    private final AtomicLong phones = new AtomicLong(13_700_000_000L + System.nanoTime() % 90_000_000L);

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void aReplayedDayOfTrafficIsJudgedAndReported() throws Exception {
        List<TrafficEvent> events = new TrafficGenerator(SETTINGS).events().toList();
        long started = System.nanoTime();
        clock.setTo(SETTINGS.start().atStartOfDay(SHANGHAI).minusDays(1).toInstant());
        signUpAndFund(events);

        Map<TrafficEvent, Outcome> outcomes = new LinkedHashMap<>();
        Map<TrafficEvent, String> reasons = new HashMap<>();
        Map<String, TrafficEvent> byReference = new HashMap<>();
        java.time.Instant secondDay = SETTINGS.start().plusDays(1).atStartOfDay(SHANGHAI).toInstant();
        for (TrafficEvent e : events) {
            clock.setTo(e.at());
            lastReference = null;
            outcomes.put(e, replay(e, byReference));
            reasons.put(e, decisionOf(e));
        }
        long replayMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(api.get("/v1/admin/ledger/check", "Authorization", admin()).json().path("balanced").asBoolean()).isTrue();

        Set<TrafficEvent> modelWouldHold = modelDryRunHits(byReference);
        Map<String, Set<String>> alerts = amlAlerts();
        String table = report(events, outcomes, reasons, modelWouldHold, alerts, replayMillis);
        System.out.println(table);

        // ---- what the installation's defaults must catch, and how little they may bother the rest

        Map<String, List<TrafficEvent>> campaigns = new TreeMap<>();
        events.stream().filter(e -> e.campaign() != null).forEach(e -> campaigns.computeIfAbsent(e.campaign(), k -> new ArrayList<>()).add(e));
        assertThat(campaigns.keySet()).anyMatch(c -> c.startsWith("ATO-")).anyMatch(c -> c.startsWith("CT-"))
                .anyMatch(c -> c.startsWith("FAN-")).anyMatch(c -> c.startsWith("ROUND-")).anyMatch(c -> c.startsWith("STRUCT-"));
        for (Map.Entry<String, List<TrafficEvent>> c : campaigns.entrySet()) {
            List<TrafficEvent> ce = c.getValue();
            String kind = c.getKey().replaceAll("-.*", "");
            switch (kind) {
                case "FAN" -> {
                    String collector = ce.getLast().payer();
                    assertThat(alerts.getOrDefault(userOf(collector), Set.of())).as(table + c.getKey())
                            .contains("fan_in", "fan_out", "rapid_in_out");
                }
                case "ROUND" -> assertThat(alerts.getOrDefault(userOf(ce.getFirst().payer()), Set.of())).as(table + c.getKey())
                        .contains("round_amounts");
                case "STRUCT" -> assertThat(ce).as(table + c.getKey()).allSatisfy(e -> assertThat(outcomes.get(e)).isEqualTo(Outcome.REFUSED));
                default -> {
                }
            }
        }
        // card testing: every campaign is stopped at some point, and most of its attempts
        List<String> testing = campaigns.keySet().stream().filter(k -> k.startsWith("CT-")).toList();
        assertThat(testing).as(table).allMatch(k -> campaigns.get(k).stream().anyMatch(e -> outcomes.get(e) != Outcome.ALLOWED));
        assertThat(stopped(events, outcomes, Label.CARD_TESTING) * 100).as(table + "card-testing attempts stopped")
                .isGreaterThanOrEqualTo(count(events, Label.CARD_TESTING) * 60);
        // account takeover: the transfers from a proxy abroad are challenged, which a stolen session cannot answer
        List<String> takeovers = campaigns.keySet().stream().filter(k -> k.startsWith("ATO-")).toList();
        long caught = takeovers.stream().filter(k -> campaigns.get(k).stream().anyMatch(e -> outcomes.get(e) != Outcome.ALLOWED)).count();
        assertThat(caught * 3).as(table + "account takeovers caught").isGreaterThanOrEqualTo(takeovers.size());
        assertThat(campaigns.values().stream().flatMap(List::stream).filter(e -> e.label() == Label.ACCOUNT_TAKEOVER
                && !e.ipCountry().equals(e.country()))).as(table).allSatisfy(e -> assertThat(outcomes.get(e)).isNotEqualTo(Outcome.ALLOWED));
        // what it costs legitimate customers: at most 2 % of their movements asked for more or stopped
        assertThat(stopped(events, outcomes, Label.LEGIT) * 100).as(table + "legitimate movements stopped")
                .isLessThanOrEqualTo(count(events, Label.LEGIT) * 2);
        // what an operator reads before letting the model act: it would hold most mule cash-outs, which the rules let
        // through, for at most 0.5 % of legitimate movements
        assertThat(modelWouldHold.stream().filter(e -> e.label() == Label.MULE).count() * 100).as(table + "mule cash-outs the model would hold")
                .isGreaterThanOrEqualTo(count(events, Label.MULE) * 50);
        assertThat(modelWouldHold.stream().filter(e -> e.label() == Label.LEGIT).count() * 1000).as(table + "legitimate movements the model "
                + "would hold").isLessThanOrEqualTo(count(events, Label.LEGIT) * 5);
        Set<String> innocent = innocentUsers(events);
        long innocentAlerted = alerts.keySet().stream().filter(innocent::contains).count();
        assertThat(innocentAlerted * 100).as(table + "customers with only legitimate movements alerted").isLessThanOrEqualTo(innocent.size() * 2L);
    }

    private static long count(List<TrafficEvent> events, Label label) {
        return events.stream().filter(e -> e.label() == label).count();
    }

    private static long stopped(List<TrafficEvent> events, Map<TrafficEvent, Outcome> outcomes, Label label) {
        return events.stream().filter(e -> e.label() == label && outcomes.get(e) != Outcome.ALLOWED).count();
    }

    // ---- setting up: merchants, wallet customers, their funds

    private void signUpAndFund(List<TrafficEvent> events) throws Exception {
        Map<String, Long> spends = new HashMap<>();
        Map<String, java.time.Instant> since = new HashMap<>();
        java.time.Instant before = clock.instant();
        for (TrafficEvent e : events) {
            if (e.payerKind() == PayerKind.ACCOUNT) {
                since.putIfAbsent(e.payer(), e.payerSince().isBefore(before) ? e.payerSince() : before);
                spends.merge(e.payer(), e.amountMinor(), Long::sum);
            }
        }
        for (TrafficEvent e : events) {
            if (e.category().equals("P2P")) {
                since.putIfAbsent(e.payee(), before);
            }
        }
        // each signs up when the generator says the account was opened (its age counts for risk control), then all log in
        Map<String, String[]> signedUp = new HashMap<>();
        since.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(a -> {
            clock.setTo(a.getValue());
            signedUp.put(a.getKey(), signUp(a.getKey()));
        });
        clock.setTo(before);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            signedUp.forEach((account, user) -> done.add(pool.submit(() -> logIn(account, user[0], user[1]))));
            for (Future<?> f : done) {
                f.get();
            }
        }
        Set<String> accounts = since.keySet();
        for (String account : accounts) {
            Party p = parties.get(account);
            fund(new Consumer(p.userId(), p.phone(), p.bearer()), spends.getOrDefault(account, 0L) + 100_000);
        }
    }

    /** Signs a customer up: their user id and phone. */
    private String[] signUp(String account) {
        String phone = "+86" + phones.incrementAndGet();
        Api.Response created = api.postJson("/v1/users", "{\"phone\":\"" + phone + "\",\"password\":\"" + PASSWORD
                + "\",\"name\":\"Customer " + account + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new String[] {created.json().path("id").asString(), phone};
    }

    private void logIn(String account, String userId, String phone) {
        Api.Response session = api.postJson("/v1/sessions", "{\"phone\":\"" + phone + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        parties.put(account, new Party(userId, phone,
                "Bearer " + session.json().path("token").asString()));
        verify(new Consumer(userId, phone, parties.get(account).bearer()));
    }

    private OnboardedMerchant merchant(String id) {
        return merchants.computeIfAbsent(id, k -> onboardMerchant("Shop " + k, ""));
    }

    private String userOf(String account) {
        Party p = parties.get(account);
        return p == null ? null : p.userId();
    }

    // ---- the replay

    private Outcome replay(TrafficEvent e, Map<String, TrafficEvent> byReference) {
        String context = String.format(Locale.ROOT, "{\"ip\":\"%s\",\"device_id\":\"%s\",\"country\":\"%s\",\"latitude\":%.4f,\"longitude\":%.4f}",
                e.ip(), e.device(), e.country(), e.latitude(), e.longitude());
        if (e.payerKind() == PayerKind.CARD) {
            String number = cards.computeIfAbsent(e.payer(), k -> Simulator.approvedCard(AddressPlan.cardPrefix(e.cardCountry()), cards.size()));
            Api.Response r = api.postJson("/v1/payments", "{\"amount\":" + e.amountMinor() + ",\"currency\":\"CNY\",\"payment_method\":"
                    + "{\"type\":\"card\",\"card\":{\"number\":\"" + number + "\",\"exp_month\":12,\"exp_year\":2034,\"cvc\":\"123\"}},"
                    + "\"risk_context\":" + context + "}", "Authorization", merchant(e.payee()).bearer());
            return payment(r, e, byReference);
        }
        Party payer = parties.get(e.payer());
        if (e.category().equals("P2P")) {
            Api.Response r = api.postJson("/v1/wallet/transfers", "{\"to_phone\":\"" + parties.get(e.payee()).phone() + "\",\"amount\":"
                    + e.amountMinor() + ",\"currency\":\"CNY\",\"risk_context\":" + context + "}", "Authorization", payer.bearer());
            if (r.status() == 201) {
                lastReference = r.json().path("id").asString();
                byReference.put(lastReference, e);
                return Outcome.ALLOWED;
            }
            assertRiskRefusal(r, e);
            return Outcome.REFUSED;
        }
        Api.Response code = api.postJson("/v1/wallet/payment_codes", "", "Authorization", payer.bearer(), "Huitong-Device-Id", e.device());
        assertThat(code.status()).as(code.body()).isEqualTo(201);
        Api.Response r = api.postJson("/v1/payments", "{\"amount\":" + e.amountMinor() + ",\"currency\":\"CNY\",\"payment_method\":"
                + "{\"type\":\"payment_code\",\"payment_code\":{\"code\":\"" + code.json().path("code").asString() + "\"}},"
                + "\"risk_context\":" + context + "}", "Authorization", merchant(e.payee()).bearer());
        return payment(r, e, byReference);
    }

    private Outcome payment(Api.Response r, TrafficEvent e, Map<String, TrafficEvent> byReference) {
        if (r.status() == 402) {
            assertRiskRefusal(r, e);
            lastReference = r.error("payment");
            byReference.put(lastReference, e);
            return Outcome.REFUSED;
        }
        assertThat(r.status()).as(e + " " + r.body()).isIn(200, 201);
        JsonNode p = r.json();
        lastReference = p.path("id").asString();
        byReference.put(lastReference, e);
        return switch (p.path("risk").path("decision").asString()) {
            case "challenge" -> Outcome.CHALLENGED;
            case "review" -> Outcome.HELD;
            default -> {
                assertThat(p.path("status").asString()).as(r.body()).isEqualTo("succeeded");
                yield Outcome.ALLOWED;
            }
        };
    }

    private static void assertRiskRefusal(Api.Response r, TrafficEvent e) {
        assertThat(r.status()).as(e + " " + r.body()).isEqualTo(402);
        assertThat(r.error("type")).as(r.body()).isEqualTo("risk_error");
    }

    // ---- what the operator sees afterwards

    /**
     * The decision and its reasons, from the decision log: by the movement's reference, or for a refused transfer (which
     * has none) the payer's newest decision, the replay going one movement at a time.
     */
    private String decisionOf(TrafficEvent e) {
        String query = lastReference != null ? "reference=" + lastReference : "user=" + parties.get(e.payer()).userId();
        Api.Response r = api.get("/v1/admin/risk/decisions?limit=1&" + query, "Authorization", admin());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode d = r.json().path("data").get(0);
        List<String> why = new ArrayList<>();
        d.path("reasons").forEach(x -> why.add(x.asString()));
        return d.path("decision").asString() + " " + String.join(",", why);
    }

    /** The movements the fraud model's dry-run rule would have held, as operators read them. */
    private Set<TrafficEvent> modelDryRunHits(Map<String, TrafficEvent> byReference) {
        Set<TrafficEvent> hits = new HashSet<>();
        String after = null;
        while (true) {
            Api.Response page = api.get("/v1/admin/risk/dry_run_hits?rule=model_high_risk&limit=100"
                    + (after == null ? "" : "&starting_after=" + after), "Authorization", admin());
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            for (JsonNode hit : page.json().path("data")) {
                TrafficEvent e = byReference.get(hit.path("reference").asString());
                if (e != null) {
                    hits.add(e);
                }
                after = hit.path("id").asString();
            }
            if (!page.json().path("has_more").asBoolean()) {
                return hits;
            }
        }
    }

    /** The rules of the suspicious-pattern alerts and large-value reports, by customer. */
    private Map<String, Set<String>> amlAlerts() {
        Map<String, Set<String>> byCustomer = new HashMap<>();
        String after = null;
        while (true) {
            Api.Response page = api.get("/v1/admin/aml/reports?limit=100" + (after == null ? "" : "&starting_after=" + after),
                    "Authorization", admin());
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            for (JsonNode report : page.json().path("data")) {
                byCustomer.computeIfAbsent(report.path("customer").asString(), k -> new HashSet<>()).add(report.path("rule").asString());
                after = report.path("id").asString();
            }
            if (!page.json().path("has_more").asBoolean()) {
                return byCustomer;
            }
        }
    }

    /** Wallet customers none of whose movements, out or in, is fraud or laundering. */
    private Set<String> innocentUsers(List<TrafficEvent> events) {
        Set<String> involved = new HashSet<>();
        for (TrafficEvent e : events) {
            if (e.label() != Label.LEGIT) {
                involved.add(e.payer());
                involved.add(e.payee());
            }
        }
        Set<String> innocent = new HashSet<>();
        parties.forEach((account, p) -> {
            if (!involved.contains(account)) {
                innocent.add(p.userId());
            }
        });
        return innocent;
    }

    private static String table(List<TrafficEvent> events, Map<TrafficEvent, Outcome> outcomes, Set<TrafficEvent> modelWouldHold) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  %-18s %8s %8s %10s %6s %8s %9s %15s%n", "label", "events",
                "allowed", "challenged", "held", "refused", "stopped", "model (dry run)"));
        for (Label label : Label.values()) {
            List<TrafficEvent> of = events.stream().filter(e -> e.label() == label).toList();
            Map<Outcome, Long> n = new EnumMap<>(Outcome.class);
            for (Outcome o : Outcome.values()) {
                n.put(o, of.stream().filter(e -> outcomes.get(e) == o).count());
            }
            long stopped = of.size() - n.get(Outcome.ALLOWED);
            out.append(String.format(Locale.ROOT, "  %-18s %8d %8d %10d %6d %8d %8.2f%% %15d%n", label.name().toLowerCase(Locale.ROOT),
                    of.size(), n.get(Outcome.ALLOWED), n.get(Outcome.CHALLENGED), n.get(Outcome.HELD), n.get(Outcome.REFUSED),
                    of.isEmpty() ? 0.0 : stopped * 100.0 / of.size(), of.stream().filter(modelWouldHold::contains).count()));
        }
        return out.toString();
    }

    private String report(List<TrafficEvent> events, Map<TrafficEvent, Outcome> outcomes, Map<TrafficEvent, String> reasons,
                          Set<TrafficEvent> modelWouldHold,
                          Map<String, Set<String>> alerts, long replayMillis) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nRisk scenario: %,d movements over %d days (seed %d, %d customers), replayed in %.1f s%n",
                events.size(), SETTINGS.days(), SETTINGS.seed(), SETTINGS.customers(), replayMillis / 1000.0));
        java.time.Instant secondDay = SETTINGS.start().plusDays(1).atStartOfDay(SHANGHAI).toInstant();
        out.append("Both days\n").append(table(events, outcomes, modelWouldHold));
        out.append("The second day alone (the platform has a day of history)\n")
                .append(table(events.stream().filter(e -> !e.at().isBefore(secondDay)).toList(), outcomes, modelWouldHold));
        for (Label label : Label.values()) {
            Map<String, Long> why = new TreeMap<>();
            events.stream().filter(e -> e.label() == label && !reasons.get(e).startsWith("allow"))
                    .forEach(e -> why.merge(reasons.get(e), 1L, Long::sum));
            out.append(String.format("  %s decided otherwise than allow: %s%n", label.name().toLowerCase(Locale.ROOT), why));
        }
        Map<String, Long> byRule = new TreeMap<>();
        alerts.values().forEach(rules -> rules.forEach(r -> byRule.merge(r, 1L, Long::sum)));
        out.append("AML reports by rule (customers): ").append(byRule).append(String.format("%n"));
        Map<String, String> users = new HashMap<>();
        parties.forEach((account, p) -> users.put(p.userId(), account));
        Map<String, String> labelled = new HashMap<>();
        for (TrafficEvent e : events) {
            if (e.campaign() != null) {
                labelled.putIfAbsent(e.payer(), e.campaign());
                labelled.putIfAbsent(e.payee(), e.campaign());
            }
        }
        alerts.forEach((customer, rules) -> {
            String account = users.get(customer);
            out.append(String.format("  %-32s %-10s %s%n", customer, account == null ? "" : labelled.getOrDefault(account, "legit"), rules));
        });
        return out.toString();
    }
}
