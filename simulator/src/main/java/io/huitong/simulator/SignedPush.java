package io.huitong.simulator;

import io.huitong.protocols.iso20022.NotificationSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How the simulated bank delivers a message it pushes (a pacs.002 status, a pacs.004 return): posted as XML with the
 * {@link NotificationSignature} header, tried again after an answer other than 2xx and 4xx, up to {@value #ATTEMPTS}
 * times, half a second longer between attempts each time. Answers what came of it, as the bank's book shows it:
 * {@code delivered}, {@code refused 4xx} or {@code failed ...}.
 */
final class SignedPush {

    static final int ATTEMPTS = 3;

    private final NotificationSignature signature;
    private final Clock clock;
    private final HttpClient http;
    private final CountDownLatch closed;

    SignedPush(NotificationSignature signature, Clock clock, HttpClient http, CountDownLatch closed) {
        this.signature = signature;
        this.clock = clock;
        this.http = http;
        this.closed = closed;
    }

    String post(String url, byte[] body) {
        String outcome = "failed";
        for (int attempt = 1; attempt <= ATTEMPTS && closed.getCount() > 0; attempt++) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/xml")
                        .header(NotificationSignature.HEADER, signature.sign(clock.instant().getEpochSecond(), body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return "delivered";
                }
                if (status / 100 == 4) {
                    return "refused " + status;
                }
                outcome = "failed " + status;
            } catch (IOException | IllegalArgumentException e) {
                outcome = "failed: " + e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "failed: interrupted";
            }
            try {
                closed.await(500L * attempt, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return outcome;
            }
        }
        return outcome;
    }
}
