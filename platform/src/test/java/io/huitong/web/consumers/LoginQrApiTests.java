package io.huitong.web.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** QR login: a page shows a QR, the logged-in phone approves it, the page receives its session once. */
abstract class LoginQrApiTests extends ConsumerTestSupport {

    /** A login QR as the page sees it. */
    record Qr(String id, String nonce, String pollToken) {
    }

    Qr create() {
        Api.Response created = api.postJson("/v1/login_qr", "{}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String payload = created.json().path("qr_payload").asString();
        String id = created.json().path("id").asString();
        assertThat(payload).startsWith("huitong://login?id=" + id + "&nonce=");
        return new Qr(id, payload.substring(payload.indexOf("&nonce=") + 7), created.json().path("poll_token").asString());
    }

    Api.Response poll(Qr qr) {
        return api.get("/v1/login_qr/" + qr.id(), "Huitong-Poll-Token", qr.pollToken());
    }

    Api.Response approve(Qr qr, String nonce, String bearer) {
        return api.postJson("/v1/login_qr/" + qr.id() + "/approve", "{\"nonce\":\"" + nonce + "\"}", "Authorization", bearer);
    }

    @Test
    void thePhoneApprovesAndThePageReceivesTheSessionOnce() {
        Consumer consumer = newConsumer();
        String phone = bearer(consumer.phone());

        Api.Response created = api.postJson("/v1/login_qr", "{}");
        assertThat(created.json().path("id").asString()).startsWith("lqr_");
        assertThat(created.json().path("object").asString()).isEqualTo("login_qr");
        assertThat(created.json().path("status").asString()).isEqualTo("pending");
        assertThat(created.json().path("expires_at").asString()).isNotEmpty();
        Qr qr = create();
        assertThat(qr.pollToken()).isNotEqualTo(qr.nonce());

        Api.Response pending = poll(qr);
        assertThat(pending.status()).as(pending.body()).isEqualTo(200);
        assertThat(pending.json().path("status").asString()).isEqualTo("pending");
        assertThat(pending.json().has("session")).isFalse();
        assertThat(pending.body()).doesNotContain(qr.nonce());
        assertThat(api.get("/v1/login_qr/" + qr.id()).status()).as("no poll token").isEqualTo(404);
        assertThat(api.get("/v1/login_qr/" + qr.id(), "Huitong-Poll-Token", qr.nonce()).status()).as("the nonce is no poll token")
                .isEqualTo(404);

        assertThat(api.postJson("/v1/login_qr/" + qr.id() + "/approve", "{\"nonce\":\"" + qr.nonce() + "\"}").status())
                .as("the phone must be logged in").isEqualTo(401);
        Api.Response wrongNonce = approve(qr, qr.nonce() + "x", phone);
        assertThat(wrongNonce.status()).as(wrongNonce.body()).isEqualTo(400);
        assertThat(wrongNonce.error("param")).isEqualTo("nonce");
        assertThat(approve(qr, qr.pollToken(), phone).status()).as("the page cannot approve with its poll token").isEqualTo(400);
        assertThat(poll(qr).json().path("status").asString()).isEqualTo("pending");

        Api.Response approved = approve(qr, qr.nonce(), phone);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("approved");
        assertThat(approved.json().has("session")).as("the phone does not get the page's session").isFalse();
        Api.Response twice = approve(qr, qr.nonce(), phone);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.error("code")).isEqualTo("login_qr_used");

        Api.Response received = poll(qr);
        assertThat(received.status()).as(received.body()).isEqualTo(200);
        assertThat(received.json().path("status").asString()).isEqualTo("approved");
        String token = received.json().path("session").path("token").asString();
        assertThat(token).startsWith("ust_");
        assertThat(received.json().path("session").path("expires_at").asString()).isNotEmpty();
        Api.Response me = api.get("/v1/users/me", "Authorization", "Bearer " + token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("id").asString()).isEqualTo(consumer.id());

        Api.Response after = poll(qr);
        assertThat(after.json().path("status").asString()).isEqualTo("consumed");
        assertThat(after.json().has("session")).as("handed out once").isFalse();
        clock.advance(Duration.ofMinutes(3));
        assertThat(poll(qr).json().path("status").asString()).as("consumed stays consumed").isEqualTo("consumed");
    }

    @Test
    void aQrExpiresAfterTwoMinutes() {
        String phone = bearer(newConsumer().phone());
        Qr unapproved = create();
        Qr uncollected = create();
        Qr inTime = create();
        clock.advance(Duration.ofSeconds(110));
        assertThat(poll(unapproved).json().path("status").asString()).isEqualTo("pending");
        assertThat(approve(uncollected, uncollected.nonce(), phone).status()).isEqualTo(200);
        assertThat(approve(inTime, inTime.nonce(), phone).status()).isEqualTo(200);
        assertThat(poll(inTime).json().path("session").path("token").asString()).as("within 2 minutes").startsWith("ust_");

        clock.advance(Duration.ofSeconds(11));
        Api.Response expired = poll(unapproved);
        assertThat(expired.json().path("status").asString()).isEqualTo("expired");
        Api.Response late = approve(unapproved, unapproved.nonce(), phone);
        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(late.error("code")).isEqualTo("login_qr_expired");
        Api.Response notCollected = poll(uncollected);
        assertThat(notCollected.json().path("status").asString()).as("approved but not collected in time").isEqualTo("expired");
        assertThat(notCollected.json().has("session")).isFalse();
    }

    @Test
    void concurrentPollsGetOneSessionAndConcurrentApprovalsOneWinner() throws Exception {
        String first = bearer(newConsumer().phone());
        String second = bearer(newConsumer().phone());
        Qr qr = create();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Api.Response>> approvals = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String bearer = i % 2 == 0 ? first : second;
                approvals.add(() -> approve(qr, qr.nonce(), bearer));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> f : pool.invokeAll(approvals)) {
                statuses.add(f.get().status());
            }
            assertThat(statuses).as(statuses.toString()).containsOnlyOnce(200).containsOnly(200, 409);

            List<Callable<Api.Response>> polls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                polls.add(() -> poll(qr));
            }
            int sessions = 0;
            for (Future<Api.Response> f : pool.invokeAll(polls)) {
                Api.Response r = f.get();
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                if (r.json().has("session")) {
                    sessions++;
                    assertThat(r.json().path("status").asString()).isEqualTo("approved");
                } else {
                    assertThat(r.json().path("status").asString()).isEqualTo("consumed");
                }
            }
            assertThat(sessions).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownQrsAre404() {
        String phone = bearer(newConsumer().phone());
        assertThat(api.get("/v1/login_qr/lqr_nothing", "Huitong-Poll-Token", "lqp_x").status()).isEqualTo(404);
        assertThat(api.postJson("/v1/login_qr/lqr_nothing/approve", "{\"nonce\":\"x\"}", "Authorization", phone).status()).isEqualTo(404);
        assertThat(api.postJson("/v1/login_qr/lqr_nothing/approve", "{\"nonce\":\"x\"}", "Authorization", admin()).status())
                .as("only consumers approve").isEqualTo(403);
    }
}
