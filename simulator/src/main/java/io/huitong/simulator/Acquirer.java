package io.huitong.simulator;

import com.solab.iso8583.IsoMessage;
import io.huitong.protocols.iso8583.CurrencyCodes;
import io.huitong.protocols.iso8583.Eci;
import io.huitong.protocols.iso8583.Field;
import io.huitong.protocols.iso8583.Iso8583Codec;
import io.huitong.protocols.iso8583.Mti;
import io.huitong.protocols.iso8583.NetworkCode;
import io.huitong.protocols.iso8583.ProcessingCode;
import io.huitong.protocols.iso8583.ResponseCode;
import io.huitong.protocols.iso8583.TransactionState;
import io.huitong.protocols.statements.AcquirerSettlement.Code;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a simulated acquirer does with a request, apart from the network: it answers the test cards,
 * keeps its book, and makes completions, reversals and refunds idempotent by the platform's reference.
 * Its answers are responses of the acquirer interface ({@link io.huitong.protocols.iso8583}); an empty
 * answer means the acquirer never replies.
 *
 * <p>The book lives in memory, for {@link #RETENTION_DAYS} business days: after a restart, or once a transaction's
 * day has passed out of the book, the acquirer honours completions and refunds of transactions it no longer remembers,
 * answers a status inquiry about one as unknown, and its daily settlement files of those days are gone. A platform
 * that runs the simulated acquirers in its own process so keeps a month of card payments in memory, not every one.
 */
final class Acquirer {

    private final String name;
    private final boolean primary;
    private final Iso8583Codec codec;
    private final Clock clock;
    private final AcquirerJournal journal;
    private final AcquirerBook book;
    private final AtomicLong rrn = new AtomicLong(ThreadLocalRandom.current().nextLong(100_000_000L, 900_000_000L));

    /** @param primary the acquirer the platform asks first: the one that fails on the channel-error card */
    Acquirer(String name, boolean primary, Iso8583Codec codec, Clock clock) {
        this(name, primary, codec, clock, RETENTION_DAYS);
    }

    /** @param retentionDays how many business days before today the book and the settled journal keep */
    Acquirer(String name, boolean primary, Iso8583Codec codec, Clock clock, int retentionDays) {
        this.name = name;
        this.primary = primary;
        this.codec = codec;
        this.clock = clock;
        this.journal = new AcquirerJournal(clock);
        this.book = new AcquirerBook(clock, retentionDays, journal);
    }

    /** How many business days before today an acquirer remembers what it booked and settled, by default. */
    static final int RETENTION_DAYS = 35;

    /** The acquirer's fee on sales and captures, in hundredths of a percent: the two acquirers charge differently, as real ones do. */
    long feeBasisPoints() {
        return primary ? 60 : 55;
    }

    /** What the acquirer settled, for its daily settlement file. */
    AcquirerJournal journal() {
        return journal;
    }

    String name() {
        return name;
    }

    /** The book, oldest STAN first. */
    List<BookEntry> book() {
        return book.entries();
    }

    /** The answer to a request, or empty when this acquirer never answers it. */
    synchronized Optional<IsoMessage> handle(IsoMessage request) {
        return switch (request.getType()) {
            case Mti.AUTHORIZATION -> authorize(request, false);
            case Mti.FINANCIAL -> ProcessingCode.isRefund(text(request, Field.PROCESSING_CODE)) ? Optional.of(refund(request)) : authorize(request, true);
            case Mti.COMPLETION -> Optional.of(complete(request));
            case Mti.REVERSAL -> Optional.of(reverse(request));
            case Mti.NETWORK -> Optional.of(network(request));
            default -> Optional.of(answer(request, ResponseCode.FORMAT_ERROR));
        };
    }

    private Optional<IsoMessage> authorize(IsoMessage request, boolean capture) {
        String reference = text(request, Field.REFERENCE);
        String pan = text(request, Field.PAN);
        if (reference == null || pan == null || text(request, Field.AMOUNT) == null || text(request, Field.CURRENCY) == null) {
            return Optional.of(answer(request, ResponseCode.FORMAT_ERROR));
        }
        BookEntry known = book.get(reference);
        if (known != null && known.state() != TransactionState.DECLINED) {
            return Optional.of(approved(request, known)); // a repeated request: same answer, nothing booked twice
        }
        switch (TestCards.behaviour(pan)) {
            case INVALID_NUMBER -> {
                return Optional.of(answer(request, ResponseCode.INVALID_CARD_NUMBER));
            }
            case DECLINE -> {
                return Optional.of(decline(request, pan, ResponseCode.DO_NOT_HONOUR));
            }
            case INSUFFICIENT_FUNDS -> {
                return Optional.of(decline(request, pan, ResponseCode.INSUFFICIENT_FUNDS));
            }
            case STEP_UP -> {
                if (!Eci.AUTHENTICATED.equals(text(request, Field.ECI))) {
                    return Optional.of(answer(request, ResponseCode.AUTHENTICATION_REQUIRED));
                }
            }
            case ERROR_ON_PRIMARY -> {
                if (primary) {
                    return Optional.of(answer(request, ResponseCode.SYSTEM_ERROR));
                }
            }
            case APPROVE_SILENTLY -> {
                book(request, pan, capture);
                return Optional.empty();
            }
            case DROP -> {
                return Optional.empty();
            }
            default -> {
            }
        }
        if (expired(text(request, Field.EXPIRY))) {
            return Optional.of(decline(request, pan, ResponseCode.EXPIRED_CARD));
        }
        return Optional.of(approved(request, book(request, pan, capture)));
    }

    private BookEntry book(IsoMessage request, String pan, boolean capture) {
        long amount = amount(request);
        BookEntry entry = new BookEntry(text(request, Field.REFERENCE), BookEntry.PAYMENT,
                capture ? TransactionState.CAPTURED : TransactionState.AUTHORIZED, amount, capture ? amount : 0, 0,
                currency(request), BookEntry.mask(pan), text(request, Field.STAN), nextRrn(), authorizationCode(),
                ResponseCode.APPROVED, null);
        book.add(entry);
        journal.merchant(request);
        if (capture) {
            journal.settled(Code.SALE, request, entry, amount, null, false);
        }
        return entry;
    }

    private IsoMessage decline(IsoMessage request, String pan, String responseCode) {
        BookEntry entry = new BookEntry(text(request, Field.REFERENCE), BookEntry.PAYMENT, TransactionState.DECLINED, amount(request),
                0, 0, currency(request), BookEntry.mask(pan), text(request, Field.STAN), nextRrn(), null, responseCode, null);
        book.add(entry);
        return answer(request, responseCode);
    }

    private IsoMessage refund(IsoMessage request) {
        String reference = text(request, Field.REFERENCE);
        String original = text(request, Field.ORIGINAL_REFERENCE);
        if (reference == null || original == null || text(request, Field.AMOUNT) == null) {
            return answer(request, ResponseCode.FORMAT_ERROR);
        }
        BookEntry known = book.get(reference);
        if (known != null) {
            return known.state() == TransactionState.REFUNDED ? approved(request, known) : answer(request, ResponseCode.INVALID_TRANSACTION);
        }
        long amount = amount(request);
        BookEntry payment = book.get(original);
        if (payment != null) {
            if (payment.state() != TransactionState.CAPTURED) {
                return answer(request, ResponseCode.INVALID_TRANSACTION);
            }
            if (payment.refunded() + amount > payment.captured()) {
                return answer(request, ResponseCode.INVALID_AMOUNT);
            }
            book.update(payment.refunded(payment.refunded() + amount));
        }
        BookEntry refund = new BookEntry(reference, BookEntry.REFUND, TransactionState.REFUNDED, amount, 0, 0, currency(request),
                payment == null ? null : payment.maskedPan(), text(request, Field.STAN), nextRrn(), authorizationCode(),
                ResponseCode.APPROVED, original);
        book.add(refund);
        journal.settled(Code.REFUND, request, refund, amount, original, true);
        return approved(request, refund);
    }

    private IsoMessage complete(IsoMessage request) {
        String reference = text(request, Field.REFERENCE);
        if (reference == null || text(request, Field.AMOUNT) == null) {
            return answer(request, ResponseCode.FORMAT_ERROR);
        }
        long amount = amount(request);
        BookEntry known = book.get(reference);
        if (known == null) {
            BookEntry entry = new BookEntry(reference, BookEntry.PAYMENT, TransactionState.CAPTURED, amount, amount, 0, currency(request),
                    null, text(request, Field.STAN), nextRrn(), authorizationCode(), ResponseCode.APPROVED, null);
            book.add(entry);
            journal.settled(Code.CAPTURE, request, entry, amount, null, false);
            return approved(request, entry);
        }
        return switch (known.state()) {
            case CAPTURED -> approved(request, known);
            case AUTHORIZED -> {
                if (amount > known.amount()) {
                    yield answer(request, ResponseCode.INVALID_AMOUNT);
                }
                BookEntry captured = known.captured(amount);
                book.update(captured);
                journal.settled(Code.CAPTURE, request, captured, amount, null, false);
                yield approved(request, captured);
            }
            default -> answer(request, ResponseCode.INVALID_TRANSACTION);
        };
    }

    private IsoMessage reverse(IsoMessage request) {
        String reference = text(request, Field.REFERENCE);
        if (reference == null) {
            return answer(request, ResponseCode.FORMAT_ERROR);
        }
        BookEntry known = book.get(reference);
        if (known == null || known.state() == TransactionState.REVERSED || known.state() == TransactionState.DECLINED) {
            return answer(request, ResponseCode.APPROVED); // nothing to undo
        }
        book.update(known.withState(TransactionState.REVERSED));
        if (known.state() == TransactionState.CAPTURED || known.state() == TransactionState.REFUNDED) {
            // money had moved: the reversal moves it back (a reversed authorization moved none)
            boolean refund = known.state() == TransactionState.REFUNDED;
            journal.settled(Code.REVERSAL, request, known, refund ? known.amount() : known.captured(), reference, !refund);
        }
        if (BookEntry.REFUND.equals(known.kind()) && known.originalReference() != null) {
            book.updateIfPresent(known.originalReference(), payment -> payment.refunded(payment.refunded() - known.amount()));
        }
        return approved(request, known);
    }

    private IsoMessage network(IsoMessage request) {
        String code = text(request, Field.NETWORK_CODE);
        if (NetworkCode.ECHO.equals(code)) {
            return answer(request, ResponseCode.APPROVED);
        }
        if (!NetworkCode.STATUS_INQUIRY.equals(code) || text(request, Field.ORIGINAL_REFERENCE) == null) {
            return answer(request, ResponseCode.FORMAT_ERROR);
        }
        BookEntry known = book.get(text(request, Field.ORIGINAL_REFERENCE));
        if (known == null) {
            return answer(request, ResponseCode.RECORD_NOT_FOUND);
        }
        IsoMessage response = answer(request, ResponseCode.APPROVED);
        Iso8583Codec.set(response, Field.TRANSACTION_STATE, known.state().wire());
        Iso8583Codec.set(response, Field.ADDITIONAL_RESPONSE_DATA, known.responseCode());
        Iso8583Codec.set(response, Field.AUTHORIZATION_CODE, known.authorizationCode());
        Iso8583Codec.set(response, Field.RRN, known.rrn());
        return response;
    }

    private IsoMessage approved(IsoMessage request, BookEntry entry) {
        IsoMessage response = answer(request, ResponseCode.APPROVED);
        Iso8583Codec.set(response, Field.AUTHORIZATION_CODE, entry.authorizationCode());
        Iso8583Codec.set(response, Field.RRN, entry.rrn());
        return response;
    }

    IsoMessage answer(IsoMessage request, String responseCode) {
        IsoMessage response = codec.responseTo(request);
        Iso8583Codec.set(response, Field.RESPONSE_CODE, responseCode);
        return response;
    }

    private boolean expired(String yymm) {
        if (yymm == null) {
            return false;
        }
        int month = Integer.parseInt(yymm.substring(2));
        if (month < 1 || month > 12) {
            return true;
        }
        return YearMonth.of(2000 + Integer.parseInt(yymm.substring(0, 2)), month).isBefore(YearMonth.now(clock));
    }

    private static String text(IsoMessage m, Field f) {
        return Iso8583Codec.get(m, f);
    }

    private static long amount(IsoMessage request) {
        return Long.parseLong(text(request, Field.AMOUNT));
    }

    private static String currency(IsoMessage request) {
        String numeric = text(request, Field.CURRENCY);
        try {
            return numeric == null ? null : CurrencyCodes.alpha(numeric);
        } catch (IllegalArgumentException e) {
            return numeric;
        }
    }

    private String nextRrn() {
        return String.format("%012d", rrn.incrementAndGet());
    }

    private static String authorizationCode() {
        return String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }
}
