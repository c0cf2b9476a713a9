package io.huitong.protocols.iso8583;

import com.solab.iso8583.IsoMessage;
import com.solab.iso8583.IsoType;
import com.solab.iso8583.IsoValue;
import com.solab.iso8583.MessageFactory;
import com.solab.iso8583.parse.FieldParseInfo;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the messages of the Huitong acquirer interface with j8583: ASCII, hexadecimal
 * bitmap, the field dictionary of {@link Field} for every message type of {@link Mti}. Frames
 * ({@link Framing}) carry the bytes of {@link #encode}; the length prefix is not part of them.
 *
 * <p>One instance is safe to share between threads once built.
 */
public final class Iso8583Codec {

    private static final String ENCODING = StandardCharsets.US_ASCII.name();
    private static final List<Integer> TYPES = List.of(
            Mti.AUTHORIZATION, Mti.AUTHORIZATION_RESPONSE, Mti.FINANCIAL, Mti.FINANCIAL_RESPONSE,
            Mti.COMPLETION, Mti.COMPLETION_RESPONSE, Mti.REVERSAL, Mti.REVERSAL_RESPONSE,
            Mti.NETWORK, Mti.NETWORK_RESPONSE);

    /** Fields a response repeats from its request; never the card number, expiry, CVC or indicator. */
    private static final List<Field> ECHOED = List.of(Field.PROCESSING_CODE, Field.AMOUNT, Field.TRANSMISSION_DATE_TIME,
            Field.STAN, Field.LOCAL_TIME, Field.LOCAL_DATE, Field.TERMINAL_ID, Field.MERCHANT_ID, Field.REFERENCE,
            Field.CURRENCY, Field.ORIGINAL_REFERENCE, Field.NETWORK_CODE, Field.ORIGINAL_DATA);

    private final MessageFactory<IsoMessage> factory = new MessageFactory<>();

    public Iso8583Codec() {
        factory.setCharacterEncoding(ENCODING);
        factory.setUseBinaryMessages(false);
        Map<Integer, FieldParseInfo> guide = new HashMap<>();
        for (Field f : Field.values()) {
            FieldParseInfo info = FieldParseInfo.getInstance(f.type(), f.length(), ENCODING, false);
            info.setCharacterEncoding(ENCODING);
            guide.put(f.number(), info);
        }
        for (int type : TYPES) {
            factory.setParseMap(type, guide);
        }
        factory.freeze();
    }

    /** An empty message of a type. */
    public IsoMessage newMessage(int mti) {
        if (!TYPES.contains(mti)) {
            throw new IllegalArgumentException("not a message type of this interface: " + Mti.text(mti));
        }
        return factory.newMessage(mti);
    }

    /** The response to a request, repeating the fields that identify it; the caller adds field 39 and the rest. */
    public IsoMessage responseTo(IsoMessage request) {
        IsoMessage response = newMessage(Mti.responseTo(request.getType()));
        for (Field f : ECHOED) {
            String value = get(request, f);
            if (value != null) {
                set(response, f, value);
            }
        }
        return response;
    }

    /** Sets a field, checked against the dictionary: numeric fields take digits only, fixed fields at most their length. */
    public static IsoMessage set(IsoMessage message, Field field, String value) {
        if (value == null) {
            message.removeFields(field.number());
            return message;
        }
        if (field.type() == IsoType.NUMERIC && !within(value, '0', '9')) {
            throw new IllegalArgumentException("field " + field.number() + " takes digits only");
        }
        if (field.length() > 0 && value.length() > field.length()) {
            throw new IllegalArgumentException("field " + field.number() + " takes at most " + field.length() + " characters");
        }
        if (!within(value, (char) 0, (char) 0x7f)) {
            throw new IllegalArgumentException("field " + field.number() + " takes ASCII only");
        }
        message.setValue(field.number(), value, field.type(), field.length());
        return message;
    }

    private static boolean within(String value, char lowest, char highest) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < lowest || value.charAt(i) > highest) {
                return false;
            }
        }
        return true;
    }

    /** A field's value as written on the wire (numeric fields zero-padded), or null when absent. */
    public static String get(IsoMessage message, Field field) {
        IsoValue<Object> value = message.getField(field.number());
        if (value == null || value.getValue() == null) {
            return null;
        }
        String text = value.getValue().toString();
        if (field.type() == IsoType.NUMERIC && text.length() < field.length()) {
            return "0".repeat(field.length() - text.length()) + text;
        }
        return field.type() == IsoType.ALPHA ? text.stripTrailing() : text;
    }

    public byte[] encode(IsoMessage message) {
        return message.writeData();
    }

    /**
     * Reads a message.
     *
     * @throws Iso8583FormatException when the bytes are not a message of this interface; its
     *                                {@link Iso8583FormatException#mti()} is set when the header was readable
     */
    public IsoMessage decode(byte[] bytes) throws Iso8583FormatException {
        int mti = readableHeader(bytes);
        if (mti < 0) {
            throw new Iso8583FormatException("malformed message: no readable type and bitmap", -1, null);
        }
        IsoMessage message;
        try {
            message = factory.parseMessage(bytes, 0);
        } catch (Exception e) {
            // the cause's message may quote field content (a card number): keep only its type
            throw new Iso8583FormatException("malformed " + Mti.text(mti) + " message (" + e.getClass().getSimpleName() + ")", mti, null);
        }
        if (message == null) {
            throw new Iso8583FormatException("malformed " + Mti.text(mti) + " message", mti, null);
        }
        return message;
    }

    /**
     * The message type when the bytes start with a type of this interface and a well-formed bitmap, else -1.
     * That much is enough to answer "format error" to the sender.
     */
    static int readableHeader(byte[] bytes) {
        if (bytes.length < 4 + 16) {
            return -1;
        }
        String type = new String(bytes, 0, 4, StandardCharsets.US_ASCII);
        if (!type.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int mti = Integer.parseInt(type, 16);
        if (!TYPES.contains(mti)) {
            return -1;
        }
        int bitmapLength = isHex(bytes, 4, 16) && (Character.digit(bytes[4], 16) & 0x8) != 0 ? 32 : 16;
        return bytes.length >= 4 + bitmapLength && isHex(bytes, 4, bitmapLength) ? mti : -1;
    }

    private static boolean isHex(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (Character.digit(bytes[i], 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
