package io.huitong.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.testsupport.TestDatabases.TestDb;
import io.huitong.testsupport.WebhookReceiver;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The event log and the webhook relay, against each database the platform supports, with a clock moved by hand. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookRelayContract {

    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    record PaymentView(String id, String object, long amountReceived, String status) {
    }

    private static final PaymentView PAYMENT = new PaymentView("pay_1", "payment", 1_000, "succeeded");

    TestDb db;
    EventsFixture fx;

    abstract TestDb database();

    @BeforeAll
    void open() {
        db = database().migrated();
    }

    @AfterAll
    void drop() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void fixture() {
        fx = new EventsFixture(db);
        fx.wipe();
    }

    @AfterEach
    void closeFixture() {
        fx.close();
    }

    @Test
    void anEventGetsOneDeliveryPerEndpointListeningToItsType() {
        String url = "http://127.0.0.1:9/hooks";
        String payments = fx.endpoint("mer_a", url, EventTypes.PAYMENT_SUCCEEDED, EventTypes.PAYMENT_FAILED);
        String everything = fx.endpoint("mer_a", url, "*");
        fx.endpoint("mer_a", url, EventTypes.REFUND_FAILED);
        String deleted = fx.endpoint("mer_a", url, "*");
        fx.endpoints.delete("mer_a", deleted);
        fx.endpoint("mer_b", url, "*");

        String id = fx.record("mer_a", EventTypes.PAYMENT_SUCCEEDED, PAYMENT);

        assertThat(id).startsWith("evt_");
        assertThat(fx.deliveredEndpoints(id)).containsExactlyInAnyOrder(payments, everything);
        Event event = fx.events.find("mer_a", id).orElseThrow();
        assertThat(event.object()).isEqualTo("event");
        assertThat(event.type()).isEqualTo(EventTypes.PAYMENT_SUCCEEDED);
        assertThat(event.createdAt()).isEqualTo(fx.clock.instant());
        assertThat(event.data().object().path("amount_received").asLong()).as("the API's snake_case").isEqualTo(1_000);
        assertThat(fx.events.find("mer_b", id)).as("another merchant's event").isEmpty();
        assertThatThrownBy(() -> fx.record("mer_a", "payment.exploded", PAYMENT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeliverySentAgainCarriesTheSameEventToTheSameEndpointOnceMore() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answer(500);
            String endpoint = fx.endpoints.create("mer_a", false, new NewWebhookEndpoint(receiver.url(), List.of("*"), null)).endpoint().id();
            String eventId = fx.record("mer_a", EventTypes.PAYMENT_SUCCEEDED, PAYMENT);
            assertThat(fx.relay().runOnce()).isEqualTo(1);
            WebhookDelivery first = fx.endpoints.deliveries("mer_a", endpoint, io.huitong.kernel.PageRequest.first(10)).data().get(0);
            assertThat(first.history()).hasSize(1);
            assertThat(first.history().get(0).statusCode()).isEqualTo(500);

            WebhookDelivery again = fx.endpoints.replay("mer_a", first.id());
            assertThat(again.id()).isNotEqualTo(first.id());
            assertThat(again.eventId()).isEqualTo(eventId);
            assertThat(again.endpointId()).isEqualTo(endpoint);
            assertThat(again.status()).isEqualTo(WebhookDelivery.PENDING);
            assertThat(again.history()).isEmpty();
            assertThat(fx.relay().runOnce()).as("due at once").isEqualTo(1);
            assertThat(fx.endpoints.delivery("mer_a", again.id()).orElseThrow().status()).isEqualTo(WebhookDelivery.DELIVERED);
            assertThat(fx.endpoints.delivery("mer_a", first.id()).orElseThrow().history()).as("the first keeps its own history").hasSize(1);
            List<WebhookReceiver.Received> received = receiver.received();
            assertThat(received).hasSize(2);
            assertThat(received.get(1).body()).as("the same event, the same body").isEqualTo(received.get(0).body());

            // another merchant's delivery, an unknown one, or one of a deleted endpoint is not found
            assertThatThrownBy(() -> fx.endpoints.replay("mer_b", first.id())).isInstanceOf(io.huitong.kernel.ApiException.class)
                    .hasFieldOrPropertyWithValue("status", 404);
            assertThat(fx.endpoints.delivery("mer_b", first.id())).isEmpty();
            assertThatThrownBy(() -> fx.endpoints.replay("mer_a", "whd_nothing")).isInstanceOf(io.huitong.kernel.ApiException.class);
            fx.endpoints.delete("mer_a", endpoint);
            assertThatThrownBy(() -> fx.endpoints.replay("mer_a", first.id())).isInstanceOf(io.huitong.kernel.ApiException.class);
        }
    }

    @Test
    void anEventExistsOnlyIfTheCallersTransactionCommits() {
        fx.endpoint("mer_a", "http://127.0.0.1:9/hooks", "*");

        fx.tx.execute(s -> {
            fx.events.record("mer_a", EventTypes.PAYMENT_SUCCEEDED, PAYMENT);
            s.setRollbackOnly();
            return null;
        });
        assertThatThrownBy(() -> fx.tx.execute(s -> {
            fx.events.record("mer_a", EventTypes.PAYMENT_SUCCEEDED, PAYMENT);
            throw new IllegalStateException("the payment could not be saved");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(fx.count("event")).isZero();
        assertThat(fx.count("webhook_delivery")).isZero();
        fx.record("mer_a", EventTypes.PAYMENT_SUCCEEDED, PAYMENT);
        assertThat(fx.count("event")).isEqualTo(1);
        assertThat(fx.count("webhook_delivery")).isEqualTo(1);
    }

    @Test
    void theSigningSecretIsStoredSealedAndOneKeptInClearBeforeIsSealedAtStart() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            WebhookEndpoints.Created endpoint = fx.endpoints.create("mer_a", false,
                    new NewWebhookEndpoint(receiver.url(), List.of("*"), null));
            String id = endpoint.endpoint().id();
            String stored = fx.jdbc.sql("select secret from webhook_endpoint where id = ?").param(id).query(String.class).single();
            assertThat(stored).as("sealed, not the secret").doesNotContain(endpoint.secret()).doesNotStartWith("whsec_");

            // as an earlier version kept it: in clear. It still signs, and the platform's start seals it
            fx.jdbc.sql("update webhook_endpoint set secret = ? where id = ?").params(endpoint.secret(), id).update();
            fx.record("mer_a", EventTypes.PAYMENT_SUCCEEDED, PAYMENT);
            assertThat(fx.relay().runOnce()).isEqualTo(1);
            assertThat(fx.secrets.sealKeptInClear()).isEqualTo(1);
            assertThat(fx.secrets.sealKeptInClear()).as("once").isZero();
            String resealed = fx.jdbc.sql("select secret from webhook_endpoint where id = ?").param(id).query(String.class).single();
            assertThat(resealed).doesNotContain(endpoint.secret()).doesNotStartWith("whsec_");
            fx.record("mer_a", EventTypes.PAYMENT_SUCCEEDED, PAYMENT);
            assertThat(fx.relay().runOnce()).isEqualTo(1);

            assertThat(receiver.received()).hasSize(2);
            for (WebhookReceiver.Received request : receiver.received()) {
                assertThat(WebhookReceiver.verifiedTimestamp(request.header("Huitong-Signature"), endpoint.secret(), request.body()))
                        .as("signed with the secret the merchant was given, in clear or sealed").isPositive();
            }
        }
    }

    @Test
    void aDeliveryIsPostedOnceSignedWithTheEndpointsSecret() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            WebhookEndpoints.Created endpoint = fx.endpoints.create("mer_a", false,
                    new NewWebhookEndpoint(receiver.url(), List.of("*"), null));
            String id = fx.record("mer_a", EventTypes.PAYMENT_SUCCEEDED, PAYMENT);

            assertThat(fx.relay().runOnce()).isEqualTo(1);

            WebhookReceiver.Received request = receiver.received().getFirst();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/hooks");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(WebhookReceiver.verifiedTimestamp(request.header("Huitong-Signature"), endpoint.secret(), request.body()))
                    .isEqualTo(fx.clock.instant().getEpochSecond());
            JsonNode body = PLAIN.readTree(request.body());
            assertThat(body.path("id").asString()).isEqualTo(id);
            assertThat(body.path("object").asString()).isEqualTo("event");
            assertThat(body.path("type").asString()).isEqualTo("payment.succeeded");
            assertThat(Instant.parse(body.path("created_at").asString())).isEqualTo(fx.clock.instant());
            assertThat(body.path("data").path("object").path("id").asString()).isEqualTo("pay_1");
            assertThat(body.path("data").path("object").path("amount_received").asLong()).isEqualTo(1_000);

            EventsFixture.Delivery delivery = fx.delivery(id, endpoint.endpoint().id());
            assertThat(delivery.status()).isEqualTo("delivered");
            assertThat(delivery.attempts()).isEqualTo(1);
            assertThat(delivery.lastStatusCode()).isEqualTo(200);
            assertThat(delivery.nextAttemptAt()).isNull();
            assertThat(fx.relay().runOnce()).as("nothing left to deliver").isZero();
            assertThat(receiver.received()).hasSize(1);
            assertThat(fx.count("webhook_attempt")).isEqualTo(1);
        }
    }

    @Test
    void failedAttemptsAreRetriedWithExponentialBackoffAndTheSameEvent() {
        try (WebhookReceiver receiver = WebhookReceiver.start().answerByDefault(500)) {
            WebhookEndpoints.Created endpoint = fx.endpoints.create("mer_a", false,
                    new NewWebhookEndpoint(receiver.url(), List.of(EventTypes.PAYMENT_SUCCEEDED), null));
            String id = fx.record("mer_a", EventTypes.PAYMENT_SUCCEEDED, PAYMENT);
            WebhookRelay relay = fx.relay();
            Instant start = fx.clock.instant();

            assertThat(relay.runOnce()).isEqualTo(1);
            assertThat(fx.delivery(id, endpoint.endpoint().id()))
                    .isEqualTo(new EventsFixture.Delivery(fx.delivery(id, endpoint.endpoint().id()).id(), "pending", 1,
                            start.plusSeconds(10), 500, null));
            fx.advance(Duration.ofSeconds(9));
            assertThat(relay.runOnce()).as("not due before its time").isZero();
            fx.advance(Duration.ofSeconds(1));
            assertThat(relay.runOnce()).isEqualTo(1);
            assertThat(fx.delivery(id, endpoint.endpoint().id()).nextAttemptAt()).isEqualTo(start.plusSeconds(10 + 20));
            fx.advance(Duration.ofSeconds(20));
            assertThat(relay.runOnce()).isEqualTo(1);
            assertThat(fx.delivery(id, endpoint.endpoint().id()).nextAttemptAt()).isEqualTo(start.plusSeconds(10 + 20 + 40));

            receiver.answerByDefault(204);
            fx.advance(Duration.ofSeconds(39));
            assertThat(relay.runOnce()).isZero();
            fx.advance(Duration.ofSeconds(1));
            assertThat(relay.runOnce()).isEqualTo(1);

            EventsFixture.Delivery delivered = fx.delivery(id, endpoint.endpoint().id());
            assertThat(delivered.status()).isEqualTo("delivered");
            assertThat(delivered.attempts()).isEqualTo(4);
            assertThat(delivered.lastStatusCode()).isEqualTo(204);
            List<WebhookReceiver.Received> requests = receiver.received();
            assertThat(requests).hasSize(4);
            assertThat(requests).extracting(WebhookReceiver.Received::body).as("the same event, byte for byte").containsOnly(requests.getFirst().body());
            assertThat(PLAIN.readTree(requests.getFirst().body()).path("id").asString()).isEqualTo(id);
            for (WebhookReceiver.Received request : requests) {
                WebhookReceiver.verifiedTimestamp(request.header("Huitong-Signature"), endpoint.secret(), request.body());
            }
            assertThat(fx.endpoints.deliveries("mer_a", endpoint.endpoint().id(), io.huitong.kernel.PageRequest.first(10)).data())
                    .singleElement()
                    .satisfies(d -> assertThat(d.history()).extracting(WebhookDelivery.Attempt::statusCode).containsExactly(500, 500, 500, 204));
        }
    }

    @Test
    void aDeliveryFailsForGoodOnceItWasRetriedFor24Hours() {
        try (WebhookReceiver receiver = WebhookReceiver.start().answerByDefault(503)) {
            String endpoint = fx.endpoint("mer_a", receiver.url(), "*");
            Instant created = fx.clock.instant();
            String id = fx.record("mer_a", EventTypes.REFUND_FAILED, PAYMENT);
            WebhookRelay relay = fx.relay();

            List<Instant> attempts = new ArrayList<>();
            EventsFixture.Delivery delivery = fx.delivery(id, endpoint);
            for (int i = 0; i < 100 && delivery.status().equals("pending"); i++) {
                fx.advance(Duration.between(fx.clock.instant(), delivery.nextAttemptAt()));
                attempts.add(fx.clock.instant());
                assertThat(relay.runOnce()).isEqualTo(1);
                delivery = fx.delivery(id, endpoint);
            }

            assertThat(delivery.status()).isEqualTo("failed");
            assertThat(delivery.nextAttemptAt()).isNull();
            assertThat(attempts.get(attempts.size() - 2)).as("still retrying just before 24 h").isBefore(created.plus(Duration.ofHours(24)));
            assertThat(attempts.getLast()).isAfterOrEqualTo(created.plus(Duration.ofHours(24)))
                    .isBefore(created.plus(Duration.ofHours(25)));
            for (int i = 1; i < attempts.size(); i++) {
                assertThat(Duration.between(attempts.get(i - 1), attempts.get(i))).isLessThanOrEqualTo(Duration.ofHours(1));
            }
            assertThat(delivery.attempts()).isEqualTo(attempts.size()).isEqualTo(receiver.received().size());
            assertThat(fx.count("webhook_attempt")).isEqualTo(attempts.size());
            fx.advance(Duration.ofDays(2));
            assertThat(relay.runOnce()).isZero();
        }
    }

    @Test
    void instancesClaimDisjointDeliveriesAndTakeOverAClaimWhoseLeaseRanOut() throws Exception {
        String endpoint = fx.endpoint("mer_a", "http://127.0.0.1:9/hooks", "*");
        for (int i = 0; i < 40; i++) {
            fx.record("mer_a", EventTypes.PAYMENT_SUCCEEDED, PAYMENT);
        }
        WebhookRelay one = fx.relay();
        WebhookRelay two = fx.relay();
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<List<WebhookRelay.Claim>> first = CompletableFuture.supplyAsync(() -> await(go, () -> one.claim(20)));
        CompletableFuture<List<WebhookRelay.Claim>> second = CompletableFuture.supplyAsync(() -> await(go, () -> two.claim(20)));
        go.countDown();

        Set<String> a = ids(first.get());
        Set<String> b = ids(second.get());
        assertThat(a).hasSize(20);
        assertThat(b).hasSize(20).doesNotContainAnyElementsOf(a);
        assertThat(one.claim(100)).as("leased deliveries are not claimed again").isEmpty();

        fx.advance(fx.properties.lease().plusSeconds(1));
        List<WebhookRelay.Claim> takenOver = two.claim(100);
        assertThat(takenOver).hasSize(40);

        // the first claimant wakes up late: its attempt happens, but its outcome no longer applies
        WebhookRelay.Claim stale = first.get().getFirst();
        one.attempt(stale);
        EventsFixture.Delivery delivery = fx.jdbc.sql("select event_id from webhook_delivery where id = ?").param(stale.deliveryId())
                .query(String.class).optional().map(event -> fx.delivery(event, endpoint)).orElseThrow();
        assertThat(delivery.attempts()).isZero();
        assertThat(delivery.status()).isEqualTo("pending");
        assertThat(stale.toString()).doesNotContain(stale.secret());
    }

    @Test
    void aClaimSkipsWhatAnotherInstanceIsClaimingAtThatMomentInsteadOfWaitingForIt() throws Exception {
        fx.endpoint("mer_a", "http://127.0.0.1:9/hooks", "*");
        for (int i = 0; i < 10; i++) {
            fx.record("mer_a", EventTypes.PAYMENT_SUCCEEDED, PAYMENT);
        }
        // another instance in the middle of its claim: it holds row locks on four due deliveries
        try (java.sql.Connection other = fx.dataSource.getConnection()) {
            other.setAutoCommit(false);
            Set<String> lockedByOther = new HashSet<>(fx.jdbc.sql("select id from webhook_delivery order by id limit 4").query(String.class).list());
            try (java.sql.PreparedStatement lock = other.prepareStatement("select id from webhook_delivery where id in (?, ?, ?, ?) for update")) {
                int i = 1;
                for (String id : lockedByOther) {
                    lock.setString(i++, id);
                }
                lock.executeQuery().close();
            }

            List<WebhookRelay.Claim> claims = CompletableFuture.supplyAsync(() -> fx.relay().claim(100))
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(ids(claims)).hasSize(6).doesNotContainAnyElementsOf(lockedByOther);
            other.rollback();
        }
        assertThat(fx.relay().claim(100)).as("released by the other instance, so due").hasSize(4);
    }

    @Test
    void deletingAnEndpointCancelsWhatIsPendingForIt() {
        try (WebhookReceiver receiver = WebhookReceiver.start().answerByDefault(500)) {
            String endpoint = fx.endpoint("mer_a", receiver.url(), "*");
            String id = fx.record("mer_a", EventTypes.PAYOUT_PAID, PAYMENT);
            WebhookRelay relay = fx.relay();
            assertThat(relay.runOnce()).isEqualTo(1);

            WebhookEndpoint deleted = fx.endpoints.delete("mer_a", endpoint);

            assertThat(deleted.status()).isEqualTo("deleted");
            assertThat(fx.delivery(id, endpoint).status()).isEqualTo("canceled");
            fx.advance(Duration.ofHours(1));
            assertThat(relay.runOnce()).isZero();
            assertThat(receiver.received()).hasSize(1);
            assertThat(fx.endpoints.find("mer_a", endpoint)).isEmpty();
            String later = fx.record("mer_a", EventTypes.PAYOUT_PAID, PAYMENT);
            assertThat(fx.deliveredEndpoints(later)).isEmpty();
        }
    }

    @Test
    void theAddressIsCheckedAgainBeforeEveryAttempt() throws Exception {
        // the name resolved to a public address when the endpoint was created, and to a private one now
        WebhookUrlPolicy atCreation = new WebhookUrlPolicy(List.of(), host -> new InetAddress[] {InetAddress.getByName("203.0.113.7")});
        WebhookUrlPolicy now = new WebhookUrlPolicy(List.of(), host -> new InetAddress[] {InetAddress.getByName("10.0.0.7")});
        String endpoint = new JdbcWebhookEndpoints(fx.jdbc, fx.tx, fx.clock, new io.huitong.kernel.Ids(fx.clock), fx.json, atCreation, fx.secrets)
                .create("mer_a", true, new NewWebhookEndpoint("https://hooks.example/huitong", List.of("*"), null)).endpoint().id();
        String id = fx.record("mer_a", EventTypes.PAYMENT_SUCCEEDED, PAYMENT);

        assertThat(fx.relay(now).runOnce()).isEqualTo(1);

        EventsFixture.Delivery delivery = fx.delivery(id, endpoint);
        assertThat(delivery.status()).isEqualTo("pending");
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastStatusCode()).isNull();
        assertThat(delivery.lastError()).startsWith("not sent:").contains("private address");
    }

    @Test
    void anUnreachableEndpointIsAFailedAttemptWithItsReason() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String endpoint = fx.endpoint("mer_a", "http://127.0.0.1:" + port + "/hooks", "*");
        String id = fx.record("mer_a", EventTypes.PAYMENT_SUCCEEDED, PAYMENT);

        assertThat(fx.relay().runOnce()).isEqualTo(1);

        EventsFixture.Delivery delivery = fx.delivery(id, endpoint);
        assertThat(delivery.status()).isEqualTo("pending");
        assertThat(delivery.lastStatusCode()).isNull();
        assertThat(delivery.lastError()).isEqualTo("connection failed");
        assertThat(delivery.nextAttemptAt()).isEqualTo(fx.clock.instant().plusSeconds(10));
    }

    private static Set<String> ids(List<WebhookRelay.Claim> claims) {
        Set<String> ids = new HashSet<>();
        claims.forEach(c -> ids.add(c.deliveryId()));
        return ids;
    }

    private static <T> T await(CountDownLatch go, java.util.function.Supplier<T> then) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return then.get();
    }
}
