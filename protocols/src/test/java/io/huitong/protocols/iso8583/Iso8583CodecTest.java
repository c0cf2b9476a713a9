package io.huitong.protocols.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.solab.iso8583.IsoMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Iso8583CodecTest {

    private static final String PAN = "4242424242424242";
    private final Iso8583Codec codec = new Iso8583Codec();

    private IsoMessage request(int mti) {
        IsoMessage m = codec.newMessage(mti);
        Iso8583Codec.set(m, Field.PROCESSING_CODE, ProcessingCode.PURCHASE);
        Iso8583Codec.set(m, Field.AMOUNT, "000000001000");
        Iso8583Codec.set(m, Field.TRANSMISSION_DATE_TIME, "0102030405");
        Iso8583Codec.set(m, Field.STAN, "000042");
        Iso8583Codec.set(m, Field.REFERENCE, "pay_01JD0000000000000000000000");
        Iso8583Codec.set(m, Field.CURRENCY, CurrencyCodes.numeric("CNY"));
        if (mti == Mti.AUTHORIZATION || mti == Mti.FINANCIAL) {
            Iso8583Codec.set(m, Field.PAN, PAN);
            Iso8583Codec.set(m, Field.EXPIRY, "3012");
            Iso8583Codec.set(m, Field.POS_ENTRY_MODE, PosEntryMode.KEYED_CARD_NOT_PRESENT);
            Iso8583Codec.set(m, Field.TERMINAL_ID, "HUITONG1");
            Iso8583Codec.set(m, Field.MERCHANT_ID, "mer_01JD0000000000000000000000");
            Iso8583Codec.set(m, Field.ECI, Eci.AUTHENTICATED);
            Iso8583Codec.set(m, Field.CVC, "123");
        }
        if (mti == Mti.COMPLETION || mti == Mti.REVERSAL) {
            Iso8583Codec.set(m, Field.ORIGINAL_DATA, new OriginalData(Mti.AUTHORIZATION, "000041", "0102030400").format());
        }
        if (mti == Mti.NETWORK) {
            Iso8583Codec.set(m, Field.NETWORK_CODE, NetworkCode.STATUS_INQUIRY);
            Iso8583Codec.set(m, Field.ORIGINAL_REFERENCE, "pay_01JD0000000000000000000000");
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(ints = {Mti.AUTHORIZATION, Mti.FINANCIAL, Mti.COMPLETION, Mti.REVERSAL, Mti.NETWORK})
    void everyRequestAndItsResponseSurviveTheWire(int mti) throws IOException {
        IsoMessage request = request(mti);
        IsoMessage read = codec.decode(codec.encode(request));
        assertThat(read.getType()).isEqualTo(mti);
        for (Field f : Field.values()) {
            assertThat(Iso8583Codec.get(read, f)).as("field %d", f.number()).isEqualTo(Iso8583Codec.get(request, f));
        }

        IsoMessage response = codec.responseTo(read);
        Iso8583Codec.set(response, Field.RESPONSE_CODE, ResponseCode.APPROVED);
        Iso8583Codec.set(response, Field.AUTHORIZATION_CODE, "A1B2C3");
        Iso8583Codec.set(response, Field.RRN, "612345000042");
        IsoMessage answer = codec.decode(codec.encode(response));
        assertThat(answer.getType()).isEqualTo(Mti.responseTo(mti));
        assertThat(Iso8583Codec.get(answer, Field.STAN)).isEqualTo("000042");
        assertThat(Iso8583Codec.get(answer, Field.RESPONSE_CODE)).isEqualTo("00");
        assertThat(Iso8583Codec.get(answer, Field.AUTHORIZATION_CODE)).isEqualTo("A1B2C3");
        assertThat(Iso8583Codec.get(answer, Field.REFERENCE)).isEqualTo(Iso8583Codec.get(request, Field.REFERENCE));
        assertThat(answer.hasAnyField(Field.PAN.number(), Field.EXPIRY.number(), Field.CVC.number(), Field.ECI.number())).isFalse();
    }

    @Test
    void numericFieldsKeepTheirLeadingZeros() throws IOException {
        IsoMessage read = codec.decode(codec.encode(request(Mti.COMPLETION)));
        assertThat(Iso8583Codec.get(read, Field.PROCESSING_CODE)).isEqualTo("000000");
        assertThat(Iso8583Codec.get(read, Field.AMOUNT)).isEqualTo("000000001000");
        assertThat(OriginalData.parse(Iso8583Codec.get(read, Field.ORIGINAL_DATA)))
                .isEqualTo(new OriginalData(Mti.AUTHORIZATION, "000041", "0102030400"));
    }

    @Test
    void framesCarryMessagesWithATwoByteLength() throws IOException {
        byte[] body = codec.encode(request(Mti.FINANCIAL));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Framing.write(out, body);
        Framing.write(out, body);
        byte[] wire = out.toByteArray();
        assertThat(((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF)).isEqualTo(body.length);

        ByteArrayInputStream in = new ByteArrayInputStream(wire);
        assertThat(Framing.read(in)).isEqualTo(body);
        assertThat(Framing.read(in)).isEqualTo(body);
        assertThatThrownBy(() -> Framing.read(in)).isInstanceOf(EOFException.class);
    }

    @Test
    void aTruncatedFrameIsAFormatError() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Framing.write(out, codec.encode(request(Mti.FINANCIAL)));
        byte[] wire = out.toByteArray();

        assertThatThrownBy(() -> Framing.read(new ByteArrayInputStream(Arrays.copyOf(wire, wire.length - 5))))
                .isInstanceOf(Iso8583FormatException.class).hasMessageContaining("truncated frame");
        assertThatThrownBy(() -> Framing.read(new ByteArrayInputStream(new byte[] {0})))
                .isInstanceOf(Iso8583FormatException.class).hasMessageContaining("length prefix");
    }

    @Test
    void aMalformedBodyWithAReadableHeaderSaysItsType() throws IOException {
        byte[] body = codec.encode(request(Mti.AUTHORIZATION));
        byte[] cut = Arrays.copyOf(body, 40);

        assertThatThrownBy(() -> codec.decode(cut))
                .isInstanceOfSatisfying(Iso8583FormatException.class, e -> {
                    assertThat(e.headerReadable()).isTrue();
                    assertThat(e.mti()).isEqualTo(Mti.AUTHORIZATION);
                })
                .hasMessageContaining("malformed 0100 message")
                .hasMessageNotContaining(PAN);
    }

    @Test
    void garbageHasNoReadableHeader() {
        byte[] garbage = "hello, is this the acquirer?".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> codec.decode(garbage))
                .isInstanceOfSatisfying(Iso8583FormatException.class, e -> assertThat(e.headerReadable()).isFalse())
                .hasMessageContaining("malformed message");
    }

    @Test
    void fieldsRefuseValuesTheDictionaryDoesNotAllow() {
        IsoMessage m = codec.newMessage(Mti.FINANCIAL);
        assertThatThrownBy(() -> Iso8583Codec.set(m, Field.AMOUNT, "12.50")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Iso8583Codec.set(m, Field.STAN, "1234567")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.newMessage(0x0600)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void responseCodesMeanWhatThePlatformNeeds() {
        assertThat(ResponseCode.meaning("00")).isEqualTo(ResponseCode.Meaning.APPROVED);
        assertThat(ResponseCode.meaning("05")).isEqualTo(ResponseCode.Meaning.DECLINED);
        assertThat(ResponseCode.declineCode("05")).isEqualTo("card_declined");
        assertThat(ResponseCode.declineCode("51")).isEqualTo("insufficient_funds");
        assertThat(ResponseCode.meaning("1A")).isEqualTo(ResponseCode.Meaning.AUTHENTICATION_REQUIRED);
        assertThat(ResponseCode.meaning("65")).isEqualTo(ResponseCode.Meaning.AUTHENTICATION_REQUIRED);
        assertThat(ResponseCode.meaning("91")).isEqualTo(ResponseCode.Meaning.NOT_PROCESSED);
        assertThat(ResponseCode.meaning("96")).isEqualTo(ResponseCode.Meaning.NOT_PROCESSED);
        assertThat(ResponseCode.meaning("25")).isEqualTo(ResponseCode.Meaning.NOT_FOUND);
    }

    @Test
    void currenciesHaveTheirIsoNumbers() {
        assertThat(CurrencyCodes.numeric("CNY")).isEqualTo("156");
        assertThat(CurrencyCodes.numeric("JPY")).isEqualTo("392");
        assertThat(CurrencyCodes.alpha("840")).isEqualTo("USD");
    }
}
