package io.huitong.channels.iso8583;

import com.solab.iso8583.IsoMessage;
import io.huitong.kernel.Money;
import io.huitong.payments.channel.CardAuthorization;
import io.huitong.protocols.iso8583.CurrencyCodes;
import io.huitong.protocols.iso8583.Eci;
import io.huitong.protocols.iso8583.Field;
import io.huitong.protocols.iso8583.Iso8583Codec;
import io.huitong.protocols.iso8583.Mti;
import io.huitong.protocols.iso8583.NetworkCode;
import io.huitong.protocols.iso8583.OriginalData;
import io.huitong.protocols.iso8583.PosEntryMode;
import io.huitong.protocols.iso8583.ProcessingCode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the requests of the acquirer interface from the platform's calls, numbering each with a STAN
 * and remembering the STAN and time of recent originals so that completions, reversals, refunds and
 * inquiries can name them in field 90. After a restart that memory is empty; the acquirer then finds the
 * original by the platform's reference, which every message carries.
 */
final class Messages {

    /** Our terminal id towards acquirers: one logical terminal for the whole platform. */
    static final String TERMINAL_ID = "HUITONG1";
    private static final int REMEMBERED = 10_000;
    private static final DateTimeFormatter TRANSMISSION = DateTimeFormatter.ofPattern("MMddHHmmss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMdd");

    private final Iso8583Codec codec;
    private final Clock clock;
    private final AtomicInteger stans = new AtomicInteger();
    private final Map<String, OriginalData> originals = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, OriginalData> eldest) {
            return size() > REMEMBERED;
        }
    };

    Messages(Iso8583Codec codec, Clock clock) {
        this.codec = codec;
        this.clock = clock;
    }

    /** 0100 (authorization only) or 0200 (sale), carrying the card. */
    IsoMessage authorization(CardAuthorization request) {
        IsoMessage m = start(request.capture() ? Mti.FINANCIAL : Mti.AUTHORIZATION, request.reference());
        set(m, Field.PAN, request.card().reveal());
        set(m, Field.PROCESSING_CODE, ProcessingCode.PURCHASE);
        amount(m, request.amount());
        set(m, Field.EXPIRY, String.format("%02d%02d", request.expYear() % 100, request.expMonth()));
        set(m, Field.POS_ENTRY_MODE, PosEntryMode.KEYED_CARD_NOT_PRESENT);
        set(m, Field.TERMINAL_ID, TERMINAL_ID);
        set(m, Field.MERCHANT_ID, request.merchantId());
        set(m, Field.ECI, request.authenticated() ? Eci.AUTHENTICATED : Eci.NOT_AUTHENTICATED);
        set(m, Field.CVC, request.cvc());
        remember(request.reference(), m);
        return m;
    }

    /** 0220: captures {@code amount} of the authorization {@code reference}. */
    IsoMessage completion(String reference, Money amount) {
        IsoMessage m = start(Mti.COMPLETION, reference);
        set(m, Field.PROCESSING_CODE, ProcessingCode.PURCHASE);
        amount(m, amount);
        set(m, Field.ORIGINAL_DATA, original(reference, Mti.AUTHORIZATION).format());
        return m;
    }

    /** 0400: undoes whatever was done under {@code reference}. */
    IsoMessage reversal(String reference) {
        IsoMessage m = start(Mti.REVERSAL, reference);
        OriginalData original = original(reference, Mti.FINANCIAL);
        set(m, Field.PROCESSING_CODE, ProcessingCode.PURCHASE);
        set(m, Field.ORIGINAL_DATA, original.format());
        return m;
    }

    /** 0200 with the refund processing code: {@code refundReference} gives back {@code amount} of {@code paymentReference}. */
    IsoMessage refund(String refundReference, String paymentReference, Money amount) {
        IsoMessage m = start(Mti.FINANCIAL, refundReference);
        set(m, Field.PROCESSING_CODE, ProcessingCode.REFUND);
        amount(m, amount);
        set(m, Field.ORIGINAL_REFERENCE, paymentReference);
        set(m, Field.ORIGINAL_DATA, original(paymentReference, Mti.FINANCIAL).format());
        remember(refundReference, m);
        return m;
    }

    /** 0800, status inquiry: what became of the transaction {@code reference}. */
    IsoMessage inquiry(String reference) {
        IsoMessage m = start(Mti.NETWORK, null);
        set(m, Field.NETWORK_CODE, NetworkCode.STATUS_INQUIRY);
        set(m, Field.ORIGINAL_REFERENCE, reference);
        set(m, Field.ORIGINAL_DATA, original(reference, Mti.FINANCIAL).format());
        return m;
    }

    /** 0800, echo test. */
    IsoMessage echo() {
        IsoMessage m = start(Mti.NETWORK, null);
        set(m, Field.NETWORK_CODE, NetworkCode.ECHO);
        return m;
    }

    private IsoMessage start(int mti, String reference) {
        ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        IsoMessage m = codec.newMessage(mti);
        set(m, Field.TRANSMISSION_DATE_TIME, TRANSMISSION.format(now));
        set(m, Field.STAN, nextStan());
        set(m, Field.LOCAL_TIME, TIME.format(now));
        set(m, Field.LOCAL_DATE, DATE.format(now));
        set(m, Field.REFERENCE, reference);
        return m;
    }

    /** 000001 to 999999, then round again: unique among the requests in flight on one link. */
    private String nextStan() {
        int n = stans.updateAndGet(i -> i >= 999_999 ? 1 : i + 1);
        return String.format("%06d", n);
    }

    private static void amount(IsoMessage m, Money amount) {
        set(m, Field.AMOUNT, String.format("%012d", amount.amount()));
        set(m, Field.CURRENCY, CurrencyCodes.numeric(amount.currency()));
    }

    private synchronized void remember(String reference, IsoMessage m) {
        originals.put(reference, new OriginalData(m.getType(), Iso8583Codec.get(m, Field.STAN), Iso8583Codec.get(m, Field.TRANSMISSION_DATE_TIME)));
    }

    private synchronized OriginalData original(String reference, int assumedType) {
        OriginalData known = originals.get(reference);
        return known != null ? known : OriginalData.unknown(assumedType);
    }

    private static void set(IsoMessage m, Field field, String value) {
        Iso8583Codec.set(m, field, value);
    }
}
