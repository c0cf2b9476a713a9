package io.huitong.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class CardNumberGuardTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("io.huitong.somewhere");

    private void log(String message, Throwable t, Object... args) {
        CardNumberGuard guard = new CardNumberGuard();
        guard.setContext(context);
        guard.start();
        guard.doAppend(new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, t, args));
    }

    @Test
    void aCardNumberInAMessageAnArgumentOrACauseIsFoundAndNamedWithoutItsDigits() {
        CardNumberGuard.takeFound();
        log("declined card 4242424242424242 at acq_a", null);
        log("declined {}", null, "5555555555554444");
        log("failed", new IllegalStateException("outer", new IllegalArgumentException("bad pan 6222020000001234566")));
        log("card 4242 4242 4242 4242 declined", null);

        assertThat(CardNumberGuard.takeFound()).hasSize(4).allSatisfy(f -> assertThat(f).startsWith("io.huitong.somewhere")
                .doesNotContain("4242424242424242").doesNotContain("5555555555554444"));
    }

    @Test
    void numbersThatFailLuhnOrAreNotCardLengthPass() {
        CardNumberGuard.takeFound();
        log("amount 4242424242424241, id 123456789012, stan 000003, time 20261206025143", null);
        log("bank: pain.001 pob_840220917151440da545b7cb62 with 3 payouts", null);
        log("the certificate /tmp/junit-5206034939542748535/tls-localhost.crt cannot be read", null);

        assertThat(CardNumberGuard.takeFound()).isEmpty();
        assertThat(CardNumberGuard.luhn("4242424242424242")).isTrue();
        assertThat(CardNumberGuard.luhn("4242424242424241")).isFalse();
        assertThat(CardNumberGuard.luhn("5206034939542748535")).as("the temporary directory's number above would pass for a card").isTrue();
    }
}
