package io.huitong.simulator;

import com.solab.iso8583.IsoMessage;
import io.huitong.protocols.iso8583.Field;
import io.huitong.protocols.iso8583.Iso8583Codec;
import io.huitong.protocols.statements.AcquirerSettlement.Code;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a simulated acquirer settles: every sale, capture, refund and reversal of a capture or refund, as it
 * happened, for its daily settlement file ({@link AcquirerStatement}). Authorizations move no money and are
 * not in it; neither are declines.
 */
final class AcquirerJournal {

    /**
     * One settled transaction.
     *
     * @param outgoing true when money goes back to the card (a refund, the reversal of a sale)
     * @param at       when the acquirer did it: its business date is the statement the line is on
     */
    record Settled(Code code, String stan, Instant transmitted, String maskedPan, long amount, String currency, String rrn,
                   String authorizationCode, String reference, String merchantId, String originalReference, boolean outgoing, Instant at) {
    }

    private final Clock clock;
    /** What was settled, by business date (guarded by itself). */
    private final TreeMap<LocalDate, List<Settled>> settled = new TreeMap<>();
    /** The card acceptor id each payment came with: refunds and reversals do not carry one. */
    private final Map<String, String> merchants = new ConcurrentHashMap<>();

    AcquirerJournal(Clock clock) {
        this.clock = clock;
    }

    /** Remembers the merchant id (field 42) a payment came with. */
    void merchant(IsoMessage request) {
        String reference = Iso8583Codec.get(request, Field.REFERENCE);
        String merchant = Iso8583Codec.get(request, Field.MERCHANT_ID);
        if (reference != null && merchant != null) {
            merchants.putIfAbsent(reference, merchant);
        }
    }

    /** Records money that moved under {@code request}, for the transaction {@code entry} of the book. */
    void settled(Code code, IsoMessage request, BookEntry entry, long amount, String original, boolean outgoing) {
        Instant now = clock.instant();
        String merchant = merchants.get(entry.originalReference() != null ? entry.originalReference() : entry.reference());
        Settled s = new Settled(code, Iso8583Codec.get(request, Field.STAN), transmitted(Iso8583Codec.get(request, Field.TRANSMISSION_DATE_TIME), now),
                entry.maskedPan(), amount, entry.currency(), entry.rrn(), entry.authorizationCode(), entry.reference(), merchant, original, outgoing, now);
        synchronized (settled) {
            settled.computeIfAbsent(ChannelStatement.businessDate(now), d -> new ArrayList<>()).add(s);
        }
    }

    /** What was settled on a business date, in the order it happened. */
    List<Settled> on(LocalDate date) {
        synchronized (settled) {
            return List.copyOf(settled.getOrDefault(date, List.of()));
        }
    }

    /** Forgets what was settled before {@code date}. */
    void forgetBefore(LocalDate date) {
        synchronized (settled) {
            settled.headMap(date).clear();
        }
    }

    /** Forgets the merchant a payment came with. */
    void forget(String reference) {
        merchants.remove(reference);
    }

    /**
     * Field 7 ({@code MMddHHmmss}, UTC, no year) as an instant: the year is the one that puts it nearest to
     * {@code now}, so that a request sent on 31 December and answered on 1 January keeps its year. The acquirer's
     * own time when the field is missing or not a date.
     */
    static Instant transmitted(String field7, Instant now) {
        if (field7 == null || field7.length() != 10) {
            return now;
        }
        int year = now.atZone(ZoneOffset.UTC).getYear();
        Instant best = null;
        for (int y = year - 1; y <= year + 1; y++) {
            Instant candidate;
            try {
                candidate = ZonedDateTime.of(y, Integer.parseInt(field7.substring(0, 2)), Integer.parseInt(field7.substring(2, 4)),
                        Integer.parseInt(field7.substring(4, 6)), Integer.parseInt(field7.substring(6, 8)), Integer.parseInt(field7.substring(8, 10)), 0,
                        ZoneOffset.UTC).toInstant();
            } catch (RuntimeException e) {
                continue; // 29 February in a year without one, or not a date at all
            }
            if (best == null || Math.abs(candidate.getEpochSecond() - now.getEpochSecond()) < Math.abs(best.getEpochSecond() - now.getEpochSecond())) {
                best = candidate;
            }
        }
        return best == null ? now : best;
    }
}
