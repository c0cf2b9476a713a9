package io.huitong.payments.simulator;

import io.huitong.kernel.Money;
import io.huitong.payments.channel.CardAuthorization;
import io.huitong.payments.channel.CardChannel;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.Inquiry;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An acquirer that lives inside the platform, for test mode and local development. It answers api.md's
 * test cards and keeps its own book of what it approved, captured, released, refunded and reversed, so
 * that inquiries tell the truth about requests whose answer was lost.
 *
 * <p>Test cards are the {@code 400000000000xxxx} numbers, told apart by their last four digits:
 * {@code 0002} declined, {@code 9995} insufficient funds, {@code 3220} step-up authentication first,
 * {@code 0119} a channel error on the primary channel (another channel approves), {@code 0259} no answer
 * in time although the acquirer approved, {@code 0267} no answer in time and the acquirer never got it.
 * Any other valid card is approved.
 */
public final class SimulatedAcquirer implements CardChannel {

    static final String TEST_PREFIX = "400000000000";

    /** A card this acquirer approves at once, for load generators and demonstrations (api.md's Visa test card). */
    public static final String APPROVED_CARD = "4242424242424242";

    enum State { AUTHORIZED, CAPTURED, RELEASED, REVERSED, DECLINED, REFUNDED }

    record Record(State state, long amount, String code) {
    }

    private final String name;
    private final boolean primary;
    private final Map<String, Record> book = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param primary the first channel the router asks: it is the one that fails on the channel-error card
     */
    public SimulatedAcquirer(String name, boolean primary) {
        this.name = name;
        this.primary = primary;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChannelResult authorize(CardAuthorization request) {
        String number = request.card().reveal();
        String last4 = number.startsWith(TEST_PREFIX) && number.length() == 16 ? request.card().last4() : "";
        switch (last4) {
            case "0002" -> {
                return decline(request, "card_declined", "The card was declined.");
            }
            case "9995" -> {
                return decline(request, "insufficient_funds", "The card has insufficient funds.");
            }
            case "3220" -> {
                if (!request.authenticated()) {
                    return new ChannelResult.ActionRequired();
                }
            }
            case "0119" -> {
                if (primary) {
                    return new ChannelResult.Unavailable("the acquirer link is down");
                }
            }
            case "0259" -> {
                approve(request);
                return new ChannelResult.Unknown("no answer within the timeout");
            }
            case "0267" -> {
                return new ChannelResult.Unknown("no answer within the timeout");
            }
            default -> {
            }
        }
        return new ChannelResult.Approved(approve(request));
    }

    private ChannelResult decline(CardAuthorization request, String code, String message) {
        book.putIfAbsent(request.reference(), new Record(State.DECLINED, request.amount().amount(), null));
        return new ChannelResult.Declined(code, message);
    }

    private String approve(CardAuthorization request) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        Record recorded = book.putIfAbsent(request.reference(),
                new Record(request.capture() ? State.CAPTURED : State.AUTHORIZED, request.amount().amount(), code));
        return recorded == null ? code : recorded.code();
    }

    @Override
    public ChannelResult capture(String reference, Money amount) {
        Record r = book.get(reference);
        if (r == null) {
            // the book lives in memory: after a restart the acquirer honours captures of authorizations it no longer remembers
            book.put(reference, new Record(State.CAPTURED, amount.amount(), null));
            return new ChannelResult.Approved(null);
        }
        if (r.state() == State.AUTHORIZED && amount.amount() <= r.amount()) {
            book.put(reference, new Record(State.CAPTURED, amount.amount(), r.code()));
            return new ChannelResult.Approved(r.code());
        }
        return r.state() == State.CAPTURED ? new ChannelResult.Approved(r.code())
                : new ChannelResult.Declined("capture_refused", "The authorization can no longer be captured.");
    }

    @Override
    public ChannelResult release(String reference) {
        book.computeIfPresent(reference, (k, r) -> r.state() == State.AUTHORIZED ? new Record(State.RELEASED, r.amount(), r.code()) : r);
        return new ChannelResult.Approved(null);
    }

    @Override
    public ChannelResult refund(String refundReference, String paymentReference, Money amount) {
        Record refund = book.putIfAbsent(refundReference, new Record(State.REFUNDED, amount.amount(), null));
        return new ChannelResult.Approved(refund == null ? null : refund.code());
    }

    @Override
    public Inquiry inquire(String reference) {
        Record r = book.get(reference);
        if (r == null) {
            return new Inquiry.NotFound();
        }
        return switch (r.state()) {
            case AUTHORIZED, CAPTURED, REFUNDED, RELEASED -> new Inquiry.Approved(r.code());
            case DECLINED -> new Inquiry.Declined("card_declined", "The card was declined.");
            case REVERSED -> new Inquiry.Declined("reversed", "The request was reversed.");
        };
    }

    @Override
    public ChannelResult reverse(String reference) {
        book.computeIfPresent(reference, (k, r) -> new Record(State.REVERSED, r.amount(), r.code()));
        return new ChannelResult.Approved(null);
    }
}
