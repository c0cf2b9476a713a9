package io.huitong.web.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.channels.EmbeddedSimulators;
import io.huitong.protocols.iso8583.TransactionState;
import io.huitong.simulator.BookEntry;
import io.huitong.simulator.ChannelSettings;
import io.huitong.simulator.Mode;
import io.huitong.simulator.Simulator;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Card payments against misbehaving acquirers, over ISO 8583 to the simulator the platform starts
 * in-process: failover when the preferred acquirer is down, and no failover but a settlement that agrees
 * with the acquirer's book when an outcome is unknown.
 */
abstract class ChannelFailoverTests extends ApiTestSupport {

    static final int FEE_BPS = 250;
    static final long FEE_FIXED = 10;

    private static final AtomicLong CARDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @Autowired
    ApplicationContext context;

    @Autowired
    MutableClock clock;

    Simulator simulator;
    OnboardedMerchant merchant;

    @BeforeEach
    void setUp() {
        simulator = EmbeddedSimulators.of(context);
        merchant = onboardMerchant("Failover Shop " + UUID.randomUUID().toString().substring(0, 8),
                "\"fee_percent_bps\":" + FEE_BPS + ",\"fee_fixed\":" + FEE_FIXED);
    }

    @AfterEach
    void allUp() {
        simulator.configure(Simulator.ACQ_A, ChannelSettings.HEALTHY);
        simulator.configure(Simulator.ACQ_B, ChannelSettings.HEALTHY);
    }

    @Test
    void withThePreferredAcquirerDownEveryPaymentSucceedsOnTheOther() throws Exception {
        simulator.configure(Simulator.ACQ_A, new ChannelSettings(Mode.DOWN, 0, 0.0));
        int count = 30;
        List<Long> amounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            amounts.add(1000L + 37L * i);
        }

        List<Api.Response> responses = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (long amount : amounts) {
                String card = approvedCard();
                String key = UUID.randomUUID().toString();
                futures.add(clients.submit(() -> pay(amount, card, "Idempotency-Key", key)));
            }
            for (Future<Api.Response> f : futures) {
                responses.add(f.get());
            }
        } finally {
            clients.shutdownNow();
        }

        Set<String> ids = new java.util.HashSet<>();
        for (Api.Response r : responses) {
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.json().path("status").asString()).as(r.body()).isEqualTo("succeeded");
            assertThat(r.json().path("channel").asString()).as(r.body()).isEqualTo(Simulator.ACQ_B);
            ids.add(r.json().path("id").asString());
        }
        assertThat(ids).hasSize(count);

        List<BookEntry> atB = payments(Simulator.ACQ_B, ids);
        assertThat(atB.stream().map(BookEntry::reference).toList()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(atB).allSatisfy(e -> assertThat(e.state()).as(e.reference()).isEqualTo(TransactionState.CAPTURED));
        assertThat(payments(Simulator.ACQ_A, ids)).isEmpty();

        long expected = amounts.stream().mapToLong(a -> a - fee(a)).sum();
        assertThat(pending()).isEqualTo(expected);
        assertLedgerBalanced();
    }

    @Test
    void thePreferredAcquirerGoingDownInTheMiddleOfAStreamLosesNoPayment() throws Exception {
        int count = 60;
        Map<String, Long> amounts = new java.util.concurrent.ConcurrentHashMap<>();
        List<Api.Response> responses = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long amount = 3000L + 13L * i;
                String card = approvedCard();
                futures.add(clients.submit(() -> {
                    Api.Response r = pay(amount, card, "Idempotency-Key", UUID.randomUUID().toString());
                    responses.add(r);
                    amounts.put(r.json().path("id").asString(), amount);
                    answered.incrementAndGet();
                }));
            }
            while (answered.get() < count / 3) {
                Thread.sleep(5);
            }
            simulator.configure(Simulator.ACQ_A, new ChannelSettings(Mode.DOWN, 0, 0.0));
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(responses).hasSize(count);
        for (Api.Response r : responses) {
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.json().path("status").asString()).as(r.body()).isIn("succeeded", "processing");
        }
        assertThat(responses.stream().filter(r -> r.json().path("channel").asString().equals(Simulator.ACQ_B))).as(
                "payments after acq_a went down went to acq_b").isNotEmpty();

        // the resolver can ask acq_a about what it may have received before it went down once it is back
        simulator.configure(Simulator.ACQ_A, ChannelSettings.HEALTHY);
        clock.advance(Duration.ofSeconds(20));
        long expected = 0;
        for (Map.Entry<String, Long> p : amounts.entrySet()) {
            String id = p.getKey();
            JsonNode settled = awaitSettled(id);
            String status = settled.path("status").asString();
            List<BookEntry> atA = payments(Simulator.ACQ_A, Set.of(id));
            List<BookEntry> atB = payments(Simulator.ACQ_B, Set.of(id));
            List<BookEntry> captured = new ArrayList<>(atA);
            captured.addAll(atB);
            captured.removeIf(e -> e.state() != TransactionState.CAPTURED);
            String what = id + " is " + status + " on " + settled.path("channel").asString() + "; acq_a: " + atA + "; acq_b: " + atB;
            assertThat(status).as(what).isIn("succeeded", "failed");
            if (status.equals("succeeded")) {
                assertThat(captured).as(what).hasSize(1);
                String capturedAt = atA.contains(captured.getFirst()) ? Simulator.ACQ_A : Simulator.ACQ_B;
                assertThat(settled.path("channel").asString()).as(what).isEqualTo(capturedAt);
                expected += p.getValue() - fee(p.getValue());
            } else {
                assertThat(captured).as(what).isEmpty();
            }
        }
        assertThat(pending()).isEqualTo(expected);
        assertLedgerBalanced();
    }

    @Test
    void anUnansweredAcquirerLeavesPaymentsProcessingUntilTheResolverSettlesThemAsItsBookSays() {
        simulator.configure(Simulator.ACQ_A, new ChannelSettings(Mode.TIMEOUT, 0, 0.0));

        Map<String, Long> payments = payProcessing(5);

        simulator.configure(Simulator.ACQ_A, ChannelSettings.HEALTHY);
        settleAndCompareWithTheBook(payments);
    }

    @Test
    void aLateApprovalIsEitherKeptOrReversedNeverApprovedAtTheBankButFailedWithUs() throws Exception {
        simulator.configure(Simulator.ACQ_A, new ChannelSettings(Mode.LATE_APPROVE, 1500, 0.0));

        Map<String, Long> payments = payProcessing(5);

        // the late answers (and anything the platform sent after giving up) have gone out by now
        Thread.sleep(2000);
        simulator.configure(Simulator.ACQ_A, ChannelSettings.HEALTHY);
        settleAndCompareWithTheBook(payments);
    }

    /** Pays {@code count} approved cards one after the other; each must be answered {@code processing}. */
    private Map<String, Long> payProcessing(int count) {
        Map<String, Long> payments = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            long amount = 2000L + 111L * i;
            Api.Response r = pay(amount, approvedCard(), "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(r.json().path("status").asString()).as(r.body()).isEqualTo("processing");
            payments.put(r.json().path("id").asString(), amount);
        }
        assertThat(payments(Simulator.ACQ_B, payments.keySet())).as("no failover after an unknown outcome").isEmpty();
        assertThat(pending()).isZero();
        return payments;
    }

    private void settleAndCompareWithTheBook(Map<String, Long> payments) {
        clock.advance(Duration.ofSeconds(20));

        Map<String, JsonNode> settled = new LinkedHashMap<>();
        for (String id : payments.keySet()) {
            settled.put(id, awaitSettled(id));
        }

        long expected = 0;
        for (Map.Entry<String, JsonNode> s : settled.entrySet()) {
            String id = s.getKey();
            String status = s.getValue().path("status").asString();
            List<BookEntry> book = payments(Simulator.ACQ_A, Set.of(id));
            String what = id + " is " + status + " with us; acq_a's book: " + book;
            assertThat(status).as(what).isIn("succeeded", "failed");
            if (status.equals("succeeded")) {
                assertThat(book).as(what).hasSize(1);
                assertThat(book.getFirst().state()).as(what).isEqualTo(TransactionState.CAPTURED);
                assertThat(s.getValue().path("amount_received").asLong()).as(what).isEqualTo(payments.get(id));
                expected += payments.get(id) - fee(payments.get(id));
            } else {
                assertThat(book).as(what).allSatisfy(e -> assertThat(e.state()).isEqualTo(TransactionState.REVERSED));
            }
        }
        assertThat(payments(Simulator.ACQ_B, payments.keySet())).as("no failover after an unknown outcome").isEmpty();
        assertThat(pending()).isEqualTo(expected);
        assertLedgerBalanced();
    }

    private JsonNode awaitSettled(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode p = get("/v1/payments/" + id).json();
        while (p.path("status").asString().equals("processing") && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            p = get("/v1/payments/" + id).json();
        }
        return p;
    }

    /** A Luhn-valid 16-digit number outside the simulator's test-card range: always approved. */
    static String approvedCard() {
        return Simulator.approvedCard("411111", CARDS.incrementAndGet());
    }

    static long fee(long amount) {
        return Math.min(amount, (amount * FEE_BPS + 5_000) / 10_000 + FEE_FIXED);
    }

    private List<BookEntry> payments(String acquirer, Set<String> ids) {
        return simulator.transactions(acquirer).stream()
                .filter(e -> "payment".equals(e.kind()) && ids.contains(e.reference()))
                .collect(Collectors.toList());
    }

    private Api.Response pay(long amount, String number, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", merchant.bearer()));
        all.addAll(List.of(headers));
        return api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\","
                + "\"card\":{\"number\":\"" + number + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}",
                all.toArray(String[]::new));
    }

    private Api.Response get(String path) {
        return api.get(path, "Authorization", merchant.bearer());
    }

    private long pending() {
        JsonNode pending = get("/v1/balance").json().path("pending");
        return pending.isEmpty() ? 0 : pending.get(0).path("amount").asLong();
    }

    private void assertLedgerBalanced() {
        Api.Response check = api.get("/v1/admin/ledger/check", "Authorization", admin());
        assertThat(check.json().path("balanced").asBoolean()).as(check.body()).isTrue();
    }
}
