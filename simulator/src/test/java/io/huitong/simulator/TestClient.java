package io.huitong.simulator;

import com.solab.iso8583.IsoMessage;
import io.huitong.protocols.iso8583.CurrencyCodes;
import io.huitong.protocols.iso8583.Eci;
import io.huitong.protocols.iso8583.Field;
import io.huitong.protocols.iso8583.Framing;
import io.huitong.protocols.iso8583.Iso8583Codec;
import io.huitong.protocols.iso8583.Mti;
import io.huitong.protocols.iso8583.NetworkCode;
import io.huitong.protocols.iso8583.PosEntryMode;
import io.huitong.protocols.iso8583.ProcessingCode;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** A bare ISO 8583 client for the simulator's tests: one request at a time, answers read with a timeout. */
final class TestClient implements AutoCloseable {

    static final Iso8583Codec CODEC = new Iso8583Codec();
    private static final AtomicInteger STAN = new AtomicInteger();

    private final Socket socket;

    TestClient(ChannelInfo channel) throws IOException {
        socket = new Socket(channel.host(), channel.port());
        socket.setSoTimeout(2_000);
    }

    static String nextStan() {
        return String.format("%06d", STAN.incrementAndGet());
    }

    static IsoMessage authorization(int mti, String reference, String pan, long amount, boolean authenticated) {
        IsoMessage m = CODEC.newMessage(mti);
        Iso8583Codec.set(m, Field.PAN, pan);
        Iso8583Codec.set(m, Field.PROCESSING_CODE, ProcessingCode.PURCHASE);
        Iso8583Codec.set(m, Field.AMOUNT, String.format("%012d", amount));
        Iso8583Codec.set(m, Field.TRANSMISSION_DATE_TIME, "1130120000");
        Iso8583Codec.set(m, Field.STAN, nextStan());
        Iso8583Codec.set(m, Field.EXPIRY, "3012");
        Iso8583Codec.set(m, Field.POS_ENTRY_MODE, PosEntryMode.KEYED_CARD_NOT_PRESENT);
        Iso8583Codec.set(m, Field.TERMINAL_ID, "HUITONG1");
        Iso8583Codec.set(m, Field.MERCHANT_ID, "mer_test");
        Iso8583Codec.set(m, Field.REFERENCE, reference);
        Iso8583Codec.set(m, Field.CURRENCY, CurrencyCodes.numeric("CNY"));
        Iso8583Codec.set(m, Field.ECI, authenticated ? Eci.AUTHENTICATED : Eci.NOT_AUTHENTICATED);
        Iso8583Codec.set(m, Field.CVC, "123");
        return m;
    }

    static IsoMessage sale(String reference, String pan) {
        return authorization(Mti.FINANCIAL, reference, pan, 1000, false);
    }

    static IsoMessage followUp(int mti, String reference, long amount) {
        IsoMessage m = CODEC.newMessage(mti);
        Iso8583Codec.set(m, Field.PROCESSING_CODE, ProcessingCode.PURCHASE);
        Iso8583Codec.set(m, Field.AMOUNT, String.format("%012d", amount));
        Iso8583Codec.set(m, Field.TRANSMISSION_DATE_TIME, "1130120000");
        Iso8583Codec.set(m, Field.STAN, nextStan());
        Iso8583Codec.set(m, Field.REFERENCE, reference);
        Iso8583Codec.set(m, Field.CURRENCY, CurrencyCodes.numeric("CNY"));
        return m;
    }

    static IsoMessage refund(String refundReference, String paymentReference, long amount) {
        IsoMessage m = followUp(Mti.FINANCIAL, refundReference, amount);
        Iso8583Codec.set(m, Field.PROCESSING_CODE, ProcessingCode.REFUND);
        Iso8583Codec.set(m, Field.ORIGINAL_REFERENCE, paymentReference);
        return m;
    }

    static IsoMessage network(String code, String reference) {
        IsoMessage m = CODEC.newMessage(Mti.NETWORK);
        Iso8583Codec.set(m, Field.TRANSMISSION_DATE_TIME, "1130120000");
        Iso8583Codec.set(m, Field.STAN, nextStan());
        Iso8583Codec.set(m, Field.NETWORK_CODE, code);
        Iso8583Codec.set(m, Field.ORIGINAL_REFERENCE, reference);
        return m;
    }

    static IsoMessage inquiry(String reference) {
        return network(NetworkCode.STATUS_INQUIRY, reference);
    }

    void sendRaw(byte[] frameBody) throws IOException {
        Framing.write(socket.getOutputStream(), frameBody);
    }

    void sendBytes(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Sends and waits for the answer; null when none came within the wait. */
    IsoMessage exchange(IsoMessage request, int waitMs) throws IOException {
        sendRaw(CODEC.encode(request));
        return read(waitMs);
    }

    IsoMessage exchange(IsoMessage request) throws IOException {
        return exchange(request, 2_000);
    }

    IsoMessage read(int waitMs) throws IOException {
        socket.setSoTimeout(waitMs);
        try {
            return CODEC.decode(Framing.read(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** True when the server closed the connection (end of stream or reset). */
    boolean closedByServer(int waitMs) throws IOException {
        socket.setSoTimeout(waitMs);
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    static String rc(IsoMessage response) {
        return Iso8583Codec.get(response, Field.RESPONSE_CODE);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
