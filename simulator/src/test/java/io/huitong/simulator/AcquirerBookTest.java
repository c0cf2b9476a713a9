package io.huitong.simulator;

import static io.huitong.simulator.TestClient.rc;
import static org.assertj.core.api.Assertions.assertThat;

import com.solab.iso8583.IsoMessage;
import io.huitong.protocols.iso8583.Field;
import io.huitong.protocols.iso8583.Iso8583Codec;
import io.huitong.protocols.iso8583.Mti;
import io.huitong.protocols.iso8583.NetworkCode;
import io.huitong.protocols.iso8583.TransactionState;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The acquirer's book: completions, refunds and reversals, idempotent by the platform's reference. */
class AcquirerBookTest {

    private static final String PAN = "5555555555554444";
    private Simulator sim;
    private TestClient client;

    @BeforeEach
    void start() throws IOException {
        sim = Simulator.start(SimulatorOptions.loopback());
        client = new TestClient(sim.channel(Simulator.ACQ_B));
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        sim.close();
    }

    private static String ref(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    private BookEntry booked(String reference) {
        return sim.transactions(Simulator.ACQ_B).stream().filter(e -> e.reference().equals(reference)).findFirst().orElse(null);
    }

    @Test
    void anAuthorizationIsCapturedInPartOnceAndRefundedWithinTheCapturedAmount() throws IOException {
        String payment = ref("pay");
        IsoMessage auth = client.exchange(TestClient.authorization(Mti.AUTHORIZATION, payment, PAN, 1000, false));
        assertThat(rc(auth)).isEqualTo("00");
        String code = Iso8583Codec.get(auth, Field.AUTHORIZATION_CODE);
        assertThat(booked(payment).state()).isEqualTo(TransactionState.AUTHORIZED);

        assertThat(rc(client.exchange(TestClient.followUp(Mti.COMPLETION, payment, 1200)))).as("above the authorization").isEqualTo("13");
        IsoMessage capture = client.exchange(TestClient.followUp(Mti.COMPLETION, payment, 700));
        assertThat(rc(capture)).isEqualTo("00");
        assertThat(Iso8583Codec.get(capture, Field.AUTHORIZATION_CODE)).isEqualTo(code);
        assertThat(rc(client.exchange(TestClient.followUp(Mti.COMPLETION, payment, 700)))).as("repeated").isEqualTo("00");
        assertThat(booked(payment).captured()).isEqualTo(700);

        String refund = ref("re");
        assertThat(rc(client.exchange(TestClient.refund(refund, payment, 500)))).isEqualTo("00");
        assertThat(rc(client.exchange(TestClient.refund(refund, payment, 500)))).as("repeated").isEqualTo("00");
        assertThat(rc(client.exchange(TestClient.refund(ref("re"), payment, 300)))).as("beyond the captured amount").isEqualTo("13");
        assertThat(booked(payment).refunded()).isEqualTo(500);
        assertThat(booked(refund).kind()).isEqualTo("refund");
        assertThat(booked(refund).originalReference()).isEqualTo(payment);

        assertThat(rc(client.exchange(TestClient.followUp(Mti.REVERSAL, refund, 500)))).isEqualTo("00");
        assertThat(booked(refund).state()).isEqualTo(TransactionState.REVERSED);
        assertThat(booked(payment).refunded()).isZero();
    }

    @Test
    void reversalsAreIdempotentAndAReversedAuthorizationCannotBeCaptured() throws IOException {
        String payment = ref("pay");
        client.exchange(TestClient.authorization(Mti.AUTHORIZATION, payment, PAN, 1000, false));
        assertThat(rc(client.exchange(TestClient.followUp(Mti.REVERSAL, payment, 1000)))).isEqualTo("00");
        assertThat(rc(client.exchange(TestClient.followUp(Mti.REVERSAL, payment, 1000)))).isEqualTo("00");
        assertThat(booked(payment).state()).isEqualTo(TransactionState.REVERSED);
        assertThat(rc(client.exchange(TestClient.followUp(Mti.COMPLETION, payment, 1000)))).isEqualTo("12");

        IsoMessage status = client.exchange(TestClient.inquiry(payment));
        assertThat(Iso8583Codec.get(status, Field.TRANSACTION_STATE)).isEqualTo("reversed");
    }

    @Test
    void theReversalOfAnUnknownTransactionIsApprovedAndRecordsNothing() throws IOException {
        String unknown = ref("pay");
        assertThat(rc(client.exchange(TestClient.followUp(Mti.REVERSAL, unknown, 1000)))).isEqualTo("00");
        assertThat(booked(unknown)).isNull();
        assertThat(sim.transactions(Simulator.ACQ_B)).isEmpty();
    }

    @Test
    void aRepeatedSaleIsAnsweredAsBeforeAndBookedOnce() throws IOException {
        String payment = ref("pay");
        IsoMessage first = client.exchange(TestClient.sale(payment, PAN));
        IsoMessage again = client.exchange(TestClient.sale(payment, PAN));
        assertThat(Iso8583Codec.get(again, Field.AUTHORIZATION_CODE)).isEqualTo(Iso8583Codec.get(first, Field.AUTHORIZATION_CODE));
        assertThat(sim.transactions(Simulator.ACQ_B)).hasSize(1);
    }

    @Test
    void statusInquiriesTellWhatTheBookSays() throws IOException {
        String payment = ref("pay");
        String code = Iso8583Codec.get(client.exchange(TestClient.sale(payment, PAN)), Field.AUTHORIZATION_CODE);
        IsoMessage status = client.exchange(TestClient.inquiry(payment));
        assertThat(status.getType()).isEqualTo(Mti.NETWORK_RESPONSE);
        assertThat(rc(status)).isEqualTo("00");
        assertThat(Iso8583Codec.get(status, Field.TRANSACTION_STATE)).isEqualTo("captured");
        assertThat(Iso8583Codec.get(status, Field.AUTHORIZATION_CODE)).isEqualTo(code);

        String declined = ref("pay");
        client.exchange(TestClient.sale(declined, "4000000000009995"));
        IsoMessage refused = client.exchange(TestClient.inquiry(declined));
        assertThat(Iso8583Codec.get(refused, Field.TRANSACTION_STATE)).isEqualTo("declined");
        assertThat(Iso8583Codec.get(refused, Field.ADDITIONAL_RESPONSE_DATA)).isEqualTo("51");

        assertThat(rc(client.exchange(TestClient.inquiry(ref("pay"))))).isEqualTo("25");
        assertThat(rc(client.exchange(TestClient.network(NetworkCode.ECHO, null)))).isEqualTo("00");
    }
}
