package io.huitong.protocols.iso8583;

import com.solab.iso8583.IsoType;

/**
 * The data elements of the Huitong acquirer interface: one dictionary shared by every message type, so
 * that a field means the same thing in a request, its response and a later reversal. Numbering follows
 * ISO 8583:1987; the private-use fields (48, 60–63) carry what the standard has no element for.
 *
 * <p>Date and time elements are written as plain digit strings (UTC) rather than parsed into dates, so
 * neither side depends on the other's time zone.
 */
public enum Field {

    /** Primary account number. Never echoed in a response, never written to a log. */
    PAN(2, IsoType.LLVAR, 0),
    /** {@link ProcessingCode}: purchase or refund. */
    PROCESSING_CODE(3, IsoType.NUMERIC, 6),
    /** Amount in the currency's minor units (cents, yen), n12. */
    AMOUNT(4, IsoType.NUMERIC, 12),
    /** Transmission date-time {@code MMddHHmmss}, UTC. */
    TRANSMISSION_DATE_TIME(7, IsoType.NUMERIC, 10),
    /** System trace audit number: the sender's number for this exchange; a response carries its request's. */
    STAN(11, IsoType.NUMERIC, 6),
    /** Local transaction time {@code HHmmss}. */
    LOCAL_TIME(12, IsoType.NUMERIC, 6),
    /** Local transaction date {@code MMdd}. */
    LOCAL_DATE(13, IsoType.NUMERIC, 4),
    /** Card expiry {@code YYMM}. */
    EXPIRY(14, IsoType.NUMERIC, 4),
    /** POS entry mode; {@value PosEntryMode#KEYED_CARD_NOT_PRESENT} for card-not-present e-commerce. */
    POS_ENTRY_MODE(22, IsoType.NUMERIC, 3),
    /** Retrieval reference number, assigned by the acquirer in its answer. */
    RRN(37, IsoType.ALPHA, 12),
    /** Authorization code of an approval. */
    AUTHORIZATION_CODE(38, IsoType.ALPHA, 6),
    /** {@link ResponseCode}. */
    RESPONSE_CODE(39, IsoType.ALPHA, 2),
    /** Card acceptor terminal id. */
    TERMINAL_ID(41, IsoType.ALPHA, 8),
    /** Card acceptor (merchant) id. Variable length, because the platform's merchant ids are longer than ans15. */
    MERCHANT_ID(42, IsoType.LLVAR, 0),
    /** Additional response data: in a status answer, the response code the original got. */
    ADDITIONAL_RESPONSE_DATA(44, IsoType.LLVAR, 0),
    /** Private: the platform's reference of this transaction (a payment's or a refund's id). */
    REFERENCE(48, IsoType.LLLVAR, 0),
    /** Transaction currency, ISO 4217 numeric ({@link CurrencyCodes}). */
    CURRENCY(49, IsoType.NUMERIC, 3),
    /** Private: e-commerce indicator ({@link Eci}); says whether the payer passed step-up authentication. */
    ECI(60, IsoType.LLLVAR, 0),
    /** Private: card verification value (CVC2), only while the payer's request is handled. Never echoed or stored. */
    CVC(61, IsoType.LLLVAR, 0),
    /** Private: the platform's reference of the original transaction (refunds, status inquiries). */
    ORIGINAL_REFERENCE(62, IsoType.LLLVAR, 0),
    /** Private: in a status answer, the original's {@link TransactionState}. */
    TRANSACTION_STATE(63, IsoType.LLLVAR, 0),
    /** Network management information code ({@link NetworkCode}). */
    NETWORK_CODE(70, IsoType.NUMERIC, 3),
    /** Original data elements ({@link OriginalData}) of a completion, reversal or refund. */
    ORIGINAL_DATA(90, IsoType.NUMERIC, 42);

    private final int number;
    private final IsoType type;
    private final int length;

    Field(int number, IsoType type, int length) {
        this.number = number;
        this.type = type;
        this.length = length;
    }

    public int number() {
        return number;
    }

    public IsoType type() {
        return type;
    }

    /** Fixed length of the element; 0 for variable-length elements. */
    public int length() {
        return length;
    }
}
