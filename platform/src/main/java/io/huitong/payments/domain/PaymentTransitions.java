package io.huitong.payments.domain;

import static io.huitong.payments.domain.PaymentStatus.CANCELED;
import static io.huitong.payments.domain.PaymentStatus.FAILED;
import static io.huitong.payments.domain.PaymentStatus.PROCESSING;
import static io.huitong.payments.domain.PaymentStatus.REQUIRES_ACTION;
import static io.huitong.payments.domain.PaymentStatus.REQUIRES_CAPTURE;
import static io.huitong.payments.domain.PaymentStatus.REQUIRES_CONFIRMATION;
import static io.huitong.payments.domain.PaymentStatus.SUCCEEDED;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The payment state machine as data: every move a payment may make, and the events each one tells the
 * merchant. Entering a state tells what the state says ({@code payment.succeeded}, ...); a capture also
 * tells {@code payment.captured}. A payment left {@code processing} while it waits for someone outside
 * (the payer's bank or wallet, an acquirer that did not answer, an analyst) tells {@code payment.processing}.
 */
public final class PaymentTransitions {

    public static final String PROCESSING_EVENT = "payment.processing";

    /** One allowed move, and the events it records beyond the one its target state implies. */
    public record Edge(PaymentStatus from, PaymentStatus to, List<String> alsoRecords) {
    }

    private static final List<Edge> EDGES = List.of(
            move(REQUIRES_CONFIRMATION, PROCESSING),
            move(REQUIRES_CONFIRMATION, REQUIRES_ACTION),
            move(REQUIRES_CONFIRMATION, CANCELED),
            move(REQUIRES_ACTION, PROCESSING),
            // an order paid at its channel while its QR code was still shown
            move(REQUIRES_ACTION, SUCCEEDED),
            move(REQUIRES_ACTION, FAILED),
            move(REQUIRES_ACTION, CANCELED),
            move(PROCESSING, REQUIRES_ACTION),
            move(PROCESSING, REQUIRES_CAPTURE),
            move(PROCESSING, SUCCEEDED),
            move(PROCESSING, FAILED),
            // an analyst rejected a payment held for review
            move(PROCESSING, CANCELED),
            move(REQUIRES_CAPTURE, SUCCEEDED, "payment.captured"),
            move(REQUIRES_CAPTURE, CANCELED));

    /** The event that entering a state records; states without one record nothing by being entered. */
    private static final Map<PaymentStatus, String> ENTERING = new EnumMap<>(Map.of(
            REQUIRES_ACTION, "payment.requires_action",
            SUCCEEDED, "payment.succeeded",
            FAILED, "payment.failed",
            CANCELED, "payment.canceled"));

    private PaymentTransitions() {
    }

    private static Edge move(PaymentStatus from, PaymentStatus to, String... alsoRecords) {
        return new Edge(from, to, List.of(alsoRecords));
    }

    public static List<Edge> edges() {
        return EDGES;
    }

    public static Optional<Edge> edge(PaymentStatus from, PaymentStatus to) {
        return EDGES.stream().filter(e -> e.from() == from && e.to() == to).findFirst();
    }

    public static boolean allowed(PaymentStatus from, PaymentStatus to) {
        return edge(from, to).isPresent();
    }

    /** The events of the move {@code from} → {@code to}, in the order they are recorded; empty for a write in place. */
    public static List<String> events(PaymentStatus from, PaymentStatus to) {
        if (from == to) {
            return List.of();
        }
        Edge edge = edge(from, to).orElseThrow(() -> new IllegalStateException("a payment cannot move from " + from + " to " + to));
        List<String> events = new ArrayList<>(edge.alsoRecords());
        Optional.ofNullable(ENTERING.get(to)).ifPresent(events::add);
        return events;
    }

    /** The events of a payment created in {@code status}. */
    public static List<String> eventsOnCreation(PaymentStatus status) {
        return Optional.ofNullable(ENTERING.get(status)).map(List::of).orElse(List.of());
    }

    /** The states a payment reaches from {@code from}. */
    public static List<PaymentStatus> next(PaymentStatus from) {
        return EDGES.stream().filter(e -> e.from() == from).map(Edge::to).toList();
    }
}
