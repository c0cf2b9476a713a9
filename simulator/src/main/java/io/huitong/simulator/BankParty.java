package io.huitong.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.huitong.protocols.iso20022.CancellationRequest;
import io.huitong.protocols.iso20022.CancellationResolution;
import io.huitong.protocols.iso20022.CreditTransfer;
import io.huitong.protocols.iso20022.Iso20022Codec;
import io.huitong.protocols.iso20022.Iso20022FormatException;
import io.huitong.protocols.iso20022.NotificationSignature;
import io.huitong.protocols.iso20022.PaymentReturn;
import io.huitong.protocols.iso20022.PayoutBatch;
import io.huitong.protocols.iso20022.PayoutReport;
import io.huitong.protocols.iso20022.Statement;
import io.huitong.protocols.iso20022.StatusReport;
import io.huitong.protocols.iso20022.StatusRequest;
import io.huitong.protocols.iso20022.TransactionStatus;
import io.huitong.protocols.iso20022.TxStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated bank: the other side of the platform's ISO 20022 connector ({@link io.huitong.protocols.iso20022}),
 * served under {@code /iso20022/} on the control API's HTTP server. It keeps a book of every transfer, payout
 * and return by reference, answers duplicates with the original's status, settles pending transfers after
 * {@link BankOptions#settleDelay()} and pushes a signed pacs.002 to the transfer's {@code Notify-Url}. It books on its
 * business date (Asia/Shanghai) and serves the day's camt.053 ({@link BankStatementBook}), faults planted in it included.
 * A pain.001 of several payouts that asks for batch booking ({@code BtchBookg}), or does not say while the bank books so
 * by agreement ({@link BankOptions#batchBooking()}, shown as {@code batch_booking} in {@code /control/channels}), is booked
 * as one entry of the statement named by the batch. A payout it paid can be sent back ({@link BankReturns}, on demand through
 * {@code POST /control/bank/returns} or by a test account): credited to us as an entry of its own, and pushed as a signed
 * pacs.004 to the {@code Notify-Url} of the payout's pain.001. {@code settle_delay_ms} can be changed through
 * {@code PUT /control/channels/bank}. Its test accounts are in {@link BankAccounts}.
 *
 * <p>Modes: {@code down} answers 503 (the shared server cannot refuse connections for one party; 503 means "nothing
 * booked"), {@code error} answers 500 before booking, {@code timeout} reads the request and never answers,
 * {@code late_approve} books as usual and answers after {@code latency_ms} (30 s when 0). Logs name references
 * and masked accounts only.
 */
final class BankParty implements HttpParty {

    static final String NAME = "bank";
    private static final Logger log = LoggerFactory.getLogger(BankParty.class);
    private static final long LATE_ANSWER_MS = 30_000;
    private static final int MAX_BODY = 1_000_000;
    /** The settlement account's currency: its statement shows the entries in that currency. */
    private static final String STATEMENT_CURRENCY = "CNY";

    static final String TRANSFER = "transfer";
    static final String PAYOUT = "payout";
    static final String RETURN = "return";
    /** A payout the beneficiary's bank sent back ({@link BankReturns}): a credit of our account. */
    static final String PAYOUT_RETURN = "payout_return";
    static final String PENDING = "pending";
    static final String SETTLED = "settled";
    static final String REJECTED = "rejected";
    static final String CANCELLED = "cancelled";

    private final Iso20022Codec codec = new Iso20022Codec();
    private volatile Duration settleDelay;
    private final boolean batchBooking;
    private final Clock clock;
    private final Map<String, BankEntry> book = new LinkedHashMap<>(); // guarded by itself
    private final ChannelStatement<Statement.Entry> statement = new ChannelStatement<>(
            new BankStatementBook(codec, this::entries, BankAccounts.SETTLEMENT, STATEMENT_CURRENCY));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("bank-settle").factory());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final SignedPush pusher;
    private final BankReturns returns;
    private volatile ChannelSettings settings = ChannelSettings.HEALTHY;
    private volatile String baseUrl;
    private volatile String host = "127.0.0.1";
    private volatile int port;

    BankParty(BankOptions options, Clock clock) {
        this.settleDelay = options.settleDelay();
        this.batchBooking = options.batchBooking();
        this.clock = clock;
        this.pusher = new SignedPush(new NotificationSignature(options.signingKey()), clock, http, closed);
        this.returns = new BankReturns(book, codec, pusher, this::today);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String protocol() {
        return "iso20022";
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String path() {
        return "/iso20022/";
    }

    @Override
    public HttpHandler handler() {
        return this::handle;
    }

    @Override
    public void mounted(HttpServer server, String baseUrl) {
        this.baseUrl = baseUrl;
        this.host = server.getAddress().getAddress().getHostAddress();
        this.port = server.getAddress().getPort();
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", baseUrl);
        m.put("settle_delay_ms", settleDelay.toMillis());
        m.put("batch_booking", batchBooking);
        return m;
    }

    @Override
    public ChannelSettings settings() {
        return settings;
    }

    /** {@code settle_delay_ms}: how long a transfer or payout accepted from now on as pending takes to settle or fail. */
    @Override
    public Runnable adjust(Map<?, ?> fields) {
        Duration next = BankOptions.settleDelay(fields.get(BankOptions.SETTLE_DELAY_FIELD));
        return () -> {
            settleDelay = next;
            log.info("{}: settle delay {} ms", NAME, next.toMillis());
        };
    }

    @Override
    public java.util.Set<String> adjustable() {
        return java.util.Set.of(BankOptions.SETTLE_DELAY_FIELD);
    }

    /** Payouts sent back after they were paid. */
    BankReturns returns() {
        return returns;
    }

    @Override
    public void settings(ChannelSettings next) {
        settings = next;
        log.info("{}: mode {}, latency {} ms, error rate {}", NAME, next.mode().wire(), next.latencyMs(), next.errorRate());
    }

    @Override
    public List<Map<String, Object>> book() {
        List<BankEntry> entries;
        synchronized (book) {
            entries = List.copyOf(book.values());
        }
        return entries.stream().map(BankParty::describe).toList();
    }

    static Map<String, Object> describe(BankEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reference", e.reference());
        m.put("kind", e.kind());
        m.put("state", e.state());
        m.put("amount", e.amount());
        m.put("currency", e.currency());
        m.put("masked_account", e.maskedAccount());
        m.put("reason", e.reason());
        m.put("original_reference", e.originalReference());
        m.put("returned", e.returned());
        m.put("booked_on", e.bookedOn() == null ? null : e.bookedOn().toString());
        m.put("notification", e.notification());
        m.put("batch", e.batch());
        return m;
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) throws IOException {
        ChannelSettings now = settings;
        String path = exchange.getRequestURI().getPath();
        String operation = path.substring(path().length());
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (now.mode() == Mode.DOWN) {
                answer(exchange, 503, "text/plain", "the bank is closed");
                return;
            }
            if (now.mode() == Mode.TIMEOUT) {
                log.info("{}: {} swallowed (mode timeout)", NAME, operation);
                closed.await(ChannelSettings.MAX_LATENCY_MS, TimeUnit.MILLISECONDS);
                exchange.close();
                return;
            }
            if (now.mode() == Mode.ERROR || ThreadLocalRandom.current().nextDouble() < now.errorRate()) {
                answer(exchange, 500, "text/plain", "system error, nothing booked");
                return;
            }
            if (body.length > MAX_BODY) {
                answer(exchange, 413, "text/plain", "the message is too large");
                return;
            }
            Reply reply;
            try {
                reply = dispatch(exchange.getRequestMethod(), operation, exchange.getRequestURI().getRawQuery(),
                        new String(body, StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("Notify-Url"));
            } catch (Iso20022FormatException e) {
                log.info("{}: unreadable {}: {}", NAME, operation, e.getMessage());
                reply = new Reply(400, "text/plain", e.getMessage());
            }
            long delay = now.mode() == Mode.LATE_APPROVE && now.latencyMs() == 0 ? LATE_ANSWER_MS : now.latencyMs();
            if (delay > 0 && closed.await(delay, TimeUnit.MILLISECONDS)) {
                exchange.close();
                return;
            }
            answer(exchange, reply.status(), reply.contentType(), reply.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (RuntimeException e) {
            log.warn("{}: {} failed: {}", NAME, operation, e.toString());
            answer(exchange, 500, "text/plain", "internal error");
        }
    }

    private record Reply(int status, String contentType, String body) {
        static Reply xml(int status, String body) {
            return new Reply(status, "application/xml", body);
        }
    }

    private Reply dispatch(String method, String operation, String query, String body, String notifyUrl) {
        if (method.equals("GET") && operation.equals("camt.053")) {
            return statement(query);
        }
        if (!method.equals("POST")) {
            return new Reply(405, "text/plain", "POST a message, or GET camt.053");
        }
        return switch (operation) {
            case "pacs.008" -> transfer(codec.readCreditTransfer(body), notifyUrl);
            case "pacs.028" -> inquiry(codec.readStatusRequest(body));
            case "camt.056" -> cancel(codec.readCancellationRequest(body));
            case "pacs.004" -> paymentReturn(codec.readPaymentReturn(body));
            case "pain.001" -> payouts(codec.readPayoutBatch(body), notifyUrl);
            default -> new Reply(404, "text/plain", "no such message: " + operation);
        };
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            log.info("{}: the answer could not be sent: {}", NAME, e.toString());
        }
    }

    // ---- the bank's business ----

    private Reply transfer(CreditTransfer t, String notifyUrl) {
        BankEntry entry;
        boolean fresh = false;
        BankAccounts.Outcome outcome = BankAccounts.payIn(t.debtor().number());
        synchronized (book) {
            entry = book.get(t.reference());
            if (entry == null) {
                String state = switch (outcome.status()) {
                    case TxStatus.ACSC -> SETTLED;
                    case TxStatus.RJCT -> REJECTED;
                    default -> PENDING;
                };
                entry = new BankEntry(t.reference(), TRANSFER, state, t.amount(), t.currency(), t.debtor().masked(),
                        outcome.later() ? null : outcome.reason(), null, today(), 0, notifyUrl, null);
                book.put(t.reference(), entry);
                fresh = true;
            }
        }
        if (fresh && outcome.later()) {
            String finalState = outcome.reason() == null ? SETTLED : REJECTED;
            scheduler.schedule(() -> settle(t.reference(), finalState, outcome.reason()), settleDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
        log.info("{}: pacs.008 {} from {} {}: {}{}", NAME, t.reference(), t.debtor().masked(), t.amount() + " " + t.currency(),
                entry.state(), fresh ? "" : " (duplicate)");
        return Reply.xml(200, codec.write(new StatusReport(messageId(), t.messageId(), Iso20022Codec.PACS_008, List.of(entry.status()))));
    }

    private void settle(String reference, String state, String reason) {
        BankEntry entry;
        synchronized (book) {
            entry = book.get(reference);
            if (entry == null || !entry.state().equals(PENDING)) {
                return; // cancelled meanwhile
            }
            entry = entry.with(state, reason, today());
            book.put(reference, entry);
        }
        log.info("{}: {} {} {}", NAME, entry.kind(), reference, state);
        if (entry.kind().equals(TRANSFER) && entry.notifyUrl() != null && !entry.notifyUrl().isBlank()) {
            push(entry);
        }
    }

    /** Posts the final pacs.002, signed ({@link SignedPush}), and notes what came of it in the book. */
    private void push(BankEntry entry) {
        byte[] body = codec.write(new StatusReport(messageId(), null, Iso20022Codec.PACS_008, List.of(entry.status())))
                .getBytes(StandardCharsets.UTF_8);
        String outcome = pusher.post(entry.notifyUrl(), body);
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        log.info("{}: status push for {}: {}", NAME, entry.reference(), outcome);
        synchronized (book) {
            BankEntry now = book.get(entry.reference());
            if (now != null) {
                book.put(entry.reference(), now.notified(outcome));
            }
        }
    }

    private Reply inquiry(StatusRequest q) {
        BankEntry entry;
        synchronized (book) {
            entry = book.get(q.reference());
        }
        TransactionStatus status = entry != null ? entry.status()
                : new TransactionStatus(q.reference(), TxStatus.RJCT, TxStatus.NOT_FOUND, null, null);
        return Reply.xml(entry == null ? 404 : 200,
                codec.write(new StatusReport(messageId(), q.messageId(), Iso20022Codec.PACS_028, List.of(status))));
    }

    private Reply cancel(CancellationRequest c) {
        CancellationResolution resolution;
        synchronized (book) {
            BankEntry entry = book.get(c.reference());
            if (entry != null && entry.state().equals(SETTLED)) {
                resolution = new CancellationResolution(c.caseId(), c.reference(), CancellationResolution.REJECTED,
                        CancellationResolution.ALREADY_SETTLED);
            } else {
                if (entry != null && entry.state().equals(PENDING)) {
                    book.put(c.reference(), entry.with(CANCELLED, TxStatus.CANCELLED, today()));
                }
                resolution = new CancellationResolution(c.caseId(), c.reference(), CancellationResolution.CANCELLED, null);
            }
        }
        log.info("{}: camt.056 {}: {}", NAME, c.reference(), resolution.status());
        return Reply.xml(200, codec.write(resolution));
    }

    private Reply paymentReturn(PaymentReturn r) {
        BankEntry entry;
        synchronized (book) {
            entry = book.get(r.returnId());
            if (entry == null) {
                BankEntry original = book.get(r.originalReference());
                String reason = null;
                if (original == null || !original.kind().equals(TRANSFER) || !original.state().equals(SETTLED)) {
                    reason = "NOOR"; // original transaction not received (or not settled)
                } else if (!original.currency().equals(r.currency()) || r.amount() <= 0
                        || original.returned() + r.amount() > original.amount()) {
                    reason = "AM02"; // not allowed amount
                }
                entry = new BankEntry(r.returnId(), RETURN, reason == null ? SETTLED : REJECTED, r.amount(), r.currency(),
                        original == null ? null : original.maskedAccount(), reason, r.originalReference(), today(), 0, null, null);
                book.put(r.returnId(), entry);
                if (reason == null) {
                    book.put(original.reference(), original.returned(original.returned() + r.amount()));
                }
            }
        }
        log.info("{}: pacs.004 {} of {}: {}", NAME, r.returnId(), r.originalReference(), entry.state());
        return Reply.xml(200, codec.write(new StatusReport(messageId(), r.messageId(), Iso20022Codec.PACS_004, List.of(entry.status()))));
    }

    /**
     * Books each payout of a pain.001 once by its reference. A batch of several payouts is booked as one entry of the
     * statement, under its {@code PmtInfId}, when the message asks for batch booking, or does not say and the bank books
     * so by agreement ({@link BankOptions#batchBooking()}); a payout the bank already had keeps the booking it had.
     */
    private Reply payouts(PayoutBatch b, String notifyUrl) {
        boolean asOne = b.payouts().size() > 1 && (b.batchBooking() != null ? b.batchBooking() : batchBooking);
        String batch = asOne ? b.messageId() : null;
        List<TransactionStatus> statuses = new ArrayList<>();
        for (PayoutBatch.Payout p : b.payouts()) {
            BankAccounts.Outcome outcome = BankAccounts.payout(p.creditor().number());
            BankEntry entry;
            boolean fresh = false;
            synchronized (book) {
                entry = book.get(p.reference());
                if (entry == null) {
                    String state = switch (outcome.status()) {
                        case TxStatus.ACSC -> SETTLED;
                        case TxStatus.RJCT -> REJECTED;
                        default -> PENDING;
                    };
                    entry = new BankEntry(p.reference(), PAYOUT, state, p.amount(), p.currency(), p.creditor().masked(),
                            outcome.later() ? null : outcome.reason(), null, today(), 0, notifyUrl, null, batch);
                    book.put(p.reference(), entry);
                    fresh = true;
                }
            }
            if (fresh && outcome.later()) {
                String finalState = outcome.reason() == null ? SETTLED : REJECTED;
                scheduler.schedule(() -> settle(p.reference(), finalState, outcome.reason()), settleDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (fresh && outcome.returnReason() != null) {
                scheduler.schedule(() -> returnLater(p.reference(), outcome.returnReason()), settleDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
            statuses.add(entry.status());
        }
        long settled = statuses.stream().filter(TransactionStatus::settled).count();
        long rejected = statuses.stream().filter(TransactionStatus::rejected).count();
        String group = settled == statuses.size() ? TxStatus.ACSC : rejected == statuses.size() ? TxStatus.RJCT
                : settled + rejected == statuses.size() ? "PART" : TxStatus.ACSP;
        log.info("{}: pain.001 {} with {} payouts{}: {}", NAME, b.messageId(), statuses.size(), asOne ? ", booked as one entry" : "", group);
        return Reply.xml(200, codec.write(new PayoutReport(messageId(), b.messageId(), group, statuses)));
    }

    /** A test account's payout comes back (see {@link BankAccounts}). */
    private void returnLater(String reference, String reason) {
        try {
            returns.returnPayout(reference, reason);
        } catch (RuntimeException e) {
            log.info("{}: payout {} not returned: {}", NAME, reference, e.getMessage());
        }
    }

    private Reply statement(String query) {
        String date = null;
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("date=")) {
                date = pair.substring("date=".length());
            }
        }
        LocalDate day;
        try {
            day = date == null ? null : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            day = null;
        }
        if (day == null) {
            return new Reply(400, "text/plain", "the date parameter (YYYY-MM-DD) is required");
        }
        try {
            return Reply.xml(200, new String(statement.bytes(day, null), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new Reply(409, "text/plain", e.getMessage()); // a planted fault that cannot apply
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The book as it stands, oldest first. */
    List<BankEntry> entries() {
        synchronized (book) {
            return List.copyOf(book.values());
        }
    }

    @Override
    public ChannelStatement<?> statement() {
        return statement;
    }

    /** The bank's business date, on which it books. */
    private LocalDate today() {
        return ChannelStatement.businessDate(clock.instant());
    }

    private static String messageId() {
        return "BANK" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase();
    }

    @Override
    public void close() {
        closed.countDown();
        scheduler.shutdownNow();
        http.close();
    }
}
