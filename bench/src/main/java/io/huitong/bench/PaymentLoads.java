package io.huitong.bench;

import static io.huitong.bench.PaymentsBench.AMOUNT;
import static io.huitong.bench.PaymentsBench.PAYMENTS_PER_CONSUMER;
import static io.huitong.bench.BenchThreads.join;
import static io.huitong.bench.BenchThreads.sleep;
import static io.huitong.bench.PaymentsPlatform.errorCode;

import io.huitong.bench.PaymentsDriver.Errors;
import io.huitong.simulator.Simulator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the payments benchmark's clients send, scenario by scenario: in {@code card} an approved card of its own per
 * payment, in {@code payment_code} a fresh payment code from a consumer's Huitong wallet.
 */
final class PaymentLoads {

    private static final String CONSUMER_PASSWORD = "Osmanthus-tea 2026";

    private PaymentLoads() {
    }

    /** What a scenario's clients send, and what runs beside them. */
    interface Load {

        /** Starts what runs beside the clients until {@code deadlineNanos}. */
        default void begin(long deadlineNanos, Errors errors) {
        }

        /** The next payment's body, waiting for what it needs; null when there is none to send before {@code deadlineNanos}. */
        byte[] next(long deadlineNanos) throws InterruptedException;

        /** Waits for what runs beside the clients; something worth knowing about the phase, or null. */
        default String end() {
            return null;
        }
    }

    /** Every payment from a card of its own, as real traffic is: risk control's velocity rules judge per card. */
    static final class CardLoad implements Load {

        private final AtomicLong sequence;

        /** {@code sequence} numbers the cards, shared with the idempotency keys so that no two payments share one. */
        CardLoad(AtomicLong sequence) {
            this.sequence = sequence;
        }

        @Override
        public byte[] next(long deadlineNanos) {
            return ("{\"amount\":" + AMOUNT + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":\""
                    + card(sequence.incrementAndGet()) + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}},"
                    + "\"description\":\"bench\"}").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A Luhn-valid Visa number for payment {@code n}, outside the simulator's test cards: always approved. */
    static String card(long n) {
        return Simulator.approvedCard("411111", n);
    }

    /**
     * Payments by payment code (付款码) from consumers' Huitong wallets. Setup, through the API as consumers do it: each
     * signs up, logs in and tops the wallet up by card with what its payments will take. A code is valid for 60 seconds,
     * less than a warm-up and a measured window, so codes are not issued in advance: beside the clients, one consumer
     * client per merchant client asks for fresh codes ({@code POST /v1/wallet/payment_codes}), round the consumers, into
     * a short queue the merchant clients take them from; only the merchant's {@code POST /v1/payments} is timed. The
     * platform serves both, as it does for real payment codes; its CPU per payment therefore includes issuing the code.
     */
    static final class PaymentCodeLoad implements Load {

        private static final Pattern PAYMENT_CODE = Pattern.compile("\"code\":\"([0-9]{18})\"");
        private static final Pattern EXPIRES = Pattern.compile("\"expires_at\":\"([^\"]+)\"");
        /** A code is not used this close to its expiry: the merchant's request must reach the platform before it. */
        private static final long MARGIN_NANOS = TimeUnit.SECONDS.toNanos(5);

        record Consumer(String authorization, int[] left) {
        }

        record Code(String code, long usableUntilNanos) {
        }

        private final URI base;
        private final List<Consumer> consumers;
        private final int issuers;
        private BlockingQueue<Code> codes;
        private List<Thread> threads;
        private final AtomicInteger running = new AtomicInteger();
        private final LongAdder issued = new LongAdder();
        private final LongAdder stale = new LongAdder();
        private volatile boolean ranOut;

        private PaymentCodeLoad(URI base, List<Consumer> consumers, int issuers) {
            this.base = base;
            this.consumers = consumers;
            this.issuers = issuers;
        }

        /** Signs up, logs in and funds {@code count} consumers, from a few clients at once (the passwords' hashing is slow). */
        static PaymentCodeLoad prepare(String base, int clients, int count) {
            URI uri = URI.create(base);
            int parallel = Math.min(clients, Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
            System.out.printf(Locale.ROOT, "payment_code: signing up %d consumers, each topping up %d minor units by card for %d payments ...%n",
                    count, AMOUNT * PAYMENTS_PER_CONSUMER, PAYMENTS_PER_CONSUMER);
            long started = System.nanoTime();
            Consumer[] made = new Consumer[count];
            AtomicInteger next = new AtomicInteger();
            Map<String, Long> failures = new ConcurrentHashMap<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < parallel; t++) {
                threads.add(Thread.ofPlatform().name("consumer-setup-" + t).start(() -> {
                    try (RawHttp connection = new RawHttp(uri.getHost(), uri.getPort())) {
                        for (int i = next.getAndIncrement(); i < count && failures.isEmpty(); i = next.getAndIncrement()) {
                            try {
                                made[i] = signUp(connection, i);
                            } catch (IOException | IllegalStateException e) {
                                failures.merge(e.getMessage(), 1L, Long::sum);
                            }
                        }
                    }
                }));
            }
            join(threads);
            if (!failures.isEmpty()) {
                throw new IllegalStateException("setting up the payment-code consumers failed: " + failures.keySet());
            }
            System.out.printf(Locale.ROOT, "payment_code: %d consumers ready in %.0f s%n", count, (System.nanoTime() - started) / 1e9);
            return new PaymentCodeLoad(uri, List.of(made), Math.min(clients, count));
        }

        /** Consumer {@code i}: a phone number of its own, a session, and a wallet topped up by a card of its own. */
        private static Consumer signUp(RawHttp http, int i) throws IOException {
            String phone = "+86" + (13_900_000_000L + i);
            expect(http.post("/v1/users", json("{\"phone\":\"" + phone + "\",\"password\":\"" + CONSUMER_PASSWORD
                    + "\",\"name\":\"Bench Payer " + i + "\"}")), "POST /v1/users");
            String session = expect(http.post("/v1/sessions", json("{\"phone\":\"" + phone + "\",\"password\":\"" + CONSUMER_PASSWORD
                    + "\"}")), "POST /v1/sessions");
            Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(session);
            if (!token.find()) {
                throw new IllegalStateException("POST /v1/sessions answered no token");
            }
            String authorization = "Authorization: Bearer " + token.group(1);
            // a wallet no channel verified pays nothing from its balance: the public-security channel makes it class I
            RawHttp.Response verified = http.post("/v1/users/me/verification", json("{\"name\":\"Bench Payer\",\"id_number\":\""
                    + residentId(i) + "\"}"), authorization);
            if (verified.status() != 200) {
                throw new IllegalStateException("POST /v1/users/me/verification answered " + verified.status() + " " + errorCode(verified.body()));
            }
            String topUp = expect(http.post("/v1/wallet/topups", json("{\"amount\":" + AMOUNT * PAYMENTS_PER_CONSUMER
                    + ",\"currency\":\"CNY\",\"card\":{\"number\":\"" + Simulator.approvedCard("424242", i + 1L)
                    + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}"), authorization), "POST /v1/wallet/topups");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!topUp.contains("\"status\":\"succeeded\"")) {
                Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(topUp);
                if (!topUp.contains("\"status\":\"pending\"") || !id.find() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("a top-up did not succeed: " + status(topUp));
                }
                sleep(200);
                RawHttp.Response r = http.get("/v1/wallet/topups/" + id.group(1), authorization);
                if (r.status() != 200) {
                    throw new IllegalStateException("GET /v1/wallet/topups/{id} answered " + r.status() + " " + errorCode(r.body()));
                }
                topUp = r.body();
            }
            return new Consumer(authorization, new int[] {PAYMENTS_PER_CONSUMER});
        }

        /** Consumer {@code i}'s resident ID number: one of its own (one ID verifies one account), with a valid check character. */
        static String residentId(int i) {
            String first17 = "310101" + java.time.LocalDate.of(1950, 1, 1).plusDays(i / 1000).toString().replace("-", "")
                    + String.format(Locale.ROOT, "%03d", i % 1000);
            int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
            int sum = 0;
            for (int k = 0; k < 17; k++) {
                sum += (first17.charAt(k) - '0') * weights[k];
            }
            return first17 + "10X98765432".charAt(sum % 11);
        }

        private static String status(String body) {
            Matcher m = Pattern.compile("\"status\":\"([a-z_]+)\"").matcher(body);
            return m.find() ? m.group(1) : errorCode(body);
        }

        private static String expect(RawHttp.Response r, String what) {
            if (r.status() != 201) {
                throw new IllegalStateException(what + " answered " + r.status() + " " + errorCode(r.body()));
            }
            return r.body();
        }

        private static byte[] json(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void begin(long deadlineNanos, Errors errors) {
            issued.reset();
            stale.reset();
            ranOut = false;
            codes = new ArrayBlockingQueue<>(Math.max(16, 2 * issuers));
            threads = new ArrayList<>();
            running.set(issuers);
            for (int t = 0; t < issuers; t++) {
                // issuer t serves consumers t, t + issuers, ...: no two issuers ask for the same wallet's codes
                List<Consumer> mine = new ArrayList<>();
                for (int i = t; i < consumers.size(); i += issuers) {
                    mine.add(consumers.get(i));
                }
                threads.add(Thread.ofPlatform().name("consumer-" + t).start(() -> issue(mine, deadlineNanos, errors)));
            }
        }

        private void issue(List<Consumer> mine, long deadlineNanos, Errors errors) {
            try (RawHttp connection = new RawHttp(base.getHost(), base.getPort())) {
                int turn = 0;
                while (System.nanoTime() < deadlineNanos) {
                    Consumer consumer = null;
                    for (int k = 0; k < mine.size() && consumer == null; k++) {
                        Consumer c = mine.get((turn + k) % mine.size());
                        if (c.left()[0] > 0) {
                            consumer = c;
                            turn = (turn + k + 1) % mine.size();
                        }
                    }
                    if (consumer == null) {
                        ranOut = true;
                        return;
                    }
                    consumer.left()[0]--;
                    Code code;
                    try {
                        RawHttp.Response r = connection.post("/v1/wallet/payment_codes", new byte[0], consumer.authorization());
                        code = r.status() == 201 ? code(r.body()) : null;
                        if (code == null) {
                            errors.add("payment code: " + r.status() + " " + errorCode(r.body()));
                            continue;
                        }
                    } catch (IOException e) {
                        errors.add("payment code: " + e.getClass().getSimpleName());
                        continue;
                    }
                    issued.increment();
                    long wait = deadlineNanos - System.nanoTime();
                    if (wait <= 0 || !codes.offer(code, wait, TimeUnit.NANOSECONDS)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        }

        private static Code code(String body) {
            Matcher code = PAYMENT_CODE.matcher(body);
            Matcher expires = EXPIRES.matcher(body);
            if (!code.find() || !expires.find()) {
                return null;
            }
            try {
                long left = Duration.between(Instant.now(), Instant.parse(expires.group(1))).toNanos();
                return new Code(code.group(1), System.nanoTime() + left - MARGIN_NANOS);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        @Override
        public byte[] next(long deadlineNanos) throws InterruptedException {
            while (true) {
                Code code = codes.poll(20, TimeUnit.MILLISECONDS);
                if (code == null) {
                    if (System.nanoTime() >= deadlineNanos || (running.get() == 0 && codes.isEmpty())) {
                        return null;
                    }
                    continue;
                }
                if (System.nanoTime() > code.usableUntilNanos()) {
                    stale.increment();
                    continue;
                }
                return ("{\"amount\":" + AMOUNT + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"payment_code\","
                        + "\"payment_code\":{\"code\":\"" + code.code() + "\"}},\"description\":\"bench\"}").getBytes(StandardCharsets.UTF_8);
            }
        }

        @Override
        public String end() {
            join(threads);
            List<String> notes = new ArrayList<>();
            if (ranOut) {
                notes.add("the consumers' payments ran out before the end (each pays at most " + PAYMENTS_PER_CONSUMER
                        + " times): the window is shorter; give more with --consumers");
            }
            if (stale.sum() > 0) {
                notes.add(stale.sum() + " codes were too close to expiry to use");
            }
            notes.add(issued.sum() + " codes issued, " + codes.size() + " left unused");
            return String.join("; ", notes);
        }
    }
}
