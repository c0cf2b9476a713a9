package io.huitong.web.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/** Consumers' accounts for HTTP tests: sign-up, login, and the codes an authenticator app would show. */
public abstract class ConsumerTestSupport extends ApiTestSupport {

    static final String PASSWORD = "Plum-blossom 2026";
    private static final AtomicLong PHONES = new AtomicLong(13_900_000_000L + System.nanoTime() % 90_000_000L);

    @Autowired
    MutableClock clock;

    /** Every test logs in from the same address: earlier tests' failures must have aged out of the guard's window. */
    @BeforeEach
    void forgetEarlierFailures() {
        clock.advance(Duration.ofMinutes(16));
    }

    static String newPhone() {
        return "+86" + PHONES.incrementAndGet();
    }

    /** A new consumer: its id and phone. */
    record Consumer(String id, String phone) {
    }

    Consumer newConsumer() {
        String phone = newPhone();
        Api.Response created = api.postJson("/v1/users", "{\"phone\":\"" + phone + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Han Meimei\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Consumer(created.json().path("id").asString(), phone);
    }

    Api.Response login(String phone, String otp) {
        return api.postJson("/v1/sessions", "{\"phone\":\"" + phone + "\",\"password\":\"" + PASSWORD + "\""
                + (otp == null ? "" : ",\"otp\":\"" + otp + "\"") + "}");
    }

    String bearer(String phone) {
        Api.Response r = login(phone, null);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return "Bearer " + r.json().path("token").asString();
    }

    /** The code an authenticator app with this Base32 secret shows at {@code at}. */
    public static String code(String base32Secret, Instant at) {
        try {
            TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);
            return String.format(Locale.ROOT, "%06d",
                    totp.generateOneTimePassword(new SecretKeySpec(base32(base32Secret), totp.getAlgorithm()), at));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xFF);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
