package io.huitong.payments.domain;

import static io.huitong.payments.domain.PaymentStatus.CANCELED;
import static io.huitong.payments.domain.PaymentStatus.FAILED;
import static io.huitong.payments.domain.PaymentStatus.PROCESSING;
import static io.huitong.payments.domain.PaymentStatus.REQUIRES_ACTION;
import static io.huitong.payments.domain.PaymentStatus.REQUIRES_CAPTURE;
import static io.huitong.payments.domain.PaymentStatus.REQUIRES_CONFIRMATION;
import static io.huitong.payments.domain.PaymentStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.kernel.Money;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The payment state machine as data, without Spring. */
class PaymentTransitionsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void finalStatesGoNowhere() {
        for (PaymentStatus s : EnumSet.of(SUCCEEDED, FAILED, CANCELED)) {
            assertThat(PaymentTransitions.next(s)).as(s.name()).isEmpty();
            assertThat(s.isFinal()).isTrue();
        }
        assertThat(PROCESSING.isFinal()).isFalse();
    }

    @Test
    void onlyTheTablesMovesAreAllowed() {
        assertThat(PaymentTransitions.allowed(REQUIRES_CONFIRMATION, PROCESSING)).isTrue();
        assertThat(PaymentTransitions.allowed(PROCESSING, SUCCEEDED)).isTrue();
        assertThat(PaymentTransitions.allowed(REQUIRES_CAPTURE, SUCCEEDED)).isTrue();
        assertThat(PaymentTransitions.allowed(REQUIRES_CONFIRMATION, SUCCEEDED)).isFalse();
        assertThat(PaymentTransitions.allowed(REQUIRES_CAPTURE, FAILED)).isFalse();
        assertThat(PaymentTransitions.allowed(SUCCEEDED, CANCELED)).isFalse();
        assertThat(PaymentTransitions.allowed(FAILED, PROCESSING)).isFalse();
        assertThat(PaymentTransitions.edges()).hasSize(14);
    }

    @Test
    void eachMoveRecordsTheEventsItsTargetImplies() {
        assertThat(PaymentTransitions.events(PROCESSING, SUCCEEDED)).containsExactly("payment.succeeded");
        assertThat(PaymentTransitions.events(REQUIRES_CAPTURE, SUCCEEDED)).containsExactly("payment.captured", "payment.succeeded");
        assertThat(PaymentTransitions.events(PROCESSING, FAILED)).containsExactly("payment.failed");
        assertThat(PaymentTransitions.events(REQUIRES_ACTION, CANCELED)).containsExactly("payment.canceled");
        assertThat(PaymentTransitions.events(PROCESSING, REQUIRES_ACTION)).containsExactly("payment.requires_action");
        assertThat(PaymentTransitions.events(REQUIRES_CONFIRMATION, PROCESSING)).isEmpty();
        assertThat(PaymentTransitions.events(PROCESSING, REQUIRES_CAPTURE)).isEmpty();
        assertThat(PaymentTransitions.events(PROCESSING, PROCESSING)).isEmpty();
        assertThat(PaymentTransitions.eventsOnCreation(FAILED)).containsExactly("payment.failed");
        assertThat(PaymentTransitions.eventsOnCreation(PROCESSING)).isEmpty();
        assertThatThrownBy(() -> PaymentTransitions.events(SUCCEEDED, FAILED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPaymentRefusesAMoveOffTheTable() {
        PaymentRecord succeeded = payment(PROCESSING).moved(SUCCEEDED, NOW);
        assertThat(succeeded.status()).isEqualTo(SUCCEEDED);
        assertThatThrownBy(() -> succeeded.moved(CANCELED, NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void leavingTheWaitEndsTheResolversWatch() {
        PaymentRecord watched = payment(PROCESSING).with(Resolution.at(NOW.plusSeconds(15)));
        assertThat(watched.moved(SUCCEEDED, NOW).resolution()).isEqualTo(Resolution.NONE);
        assertThat(watched.moved(REQUIRES_ACTION, NOW).resolution()).isEqualTo(Resolution.NONE);
    }

    @Test
    void refundsSettleOnceAndSayWhichEvent() {
        assertThat(RefundStatus.PENDING.canMoveTo(RefundStatus.SUCCEEDED)).isTrue();
        assertThat(RefundStatus.SUCCEEDED.canMoveTo(RefundStatus.FAILED)).isFalse();
        assertThat(RefundStatus.FAILED.event()).contains("refund.failed");
        assertThat(RefundStatus.PENDING.event()).isEmpty();
    }

    @Test
    void theResolversPausesDoubleUpToAMinuteAndNeverPassTheOrdersExpiry() {
        Resolution first = Resolution.NONE.backedOff(NOW, null);
        assertThat(first).isEqualTo(new Resolution(NOW.plusSeconds(2), 1));
        Resolution late = new Resolution(NOW, 9).backedOff(NOW, null);
        assertThat(late.after()).isEqualTo(NOW.plusSeconds(60));
        assertThat(new Resolution(NOW, 3).backedOff(NOW, NOW.plusSeconds(5)).after()).isEqualTo(NOW.plusSeconds(5));
    }

    private static PaymentRecord payment(PaymentStatus status) {
        return new PaymentRecord("pay_1", "mer_1", status, PaymentMethod.CARD, CaptureMethod.AUTOMATIC, Amounts.of(new Money(1000, "CNY")),
                new CardDetails("visa", "4242", 12, 2030), null, null, null, null, null, null, new Intent(null, Map.of(), null), null, NOW, NOW, null);
    }
}
