package io.huitong.simulator;

import static io.huitong.simulator.TestClient.rc;
import static org.assertj.core.api.Assertions.assertThat;

import com.solab.iso8583.IsoMessage;
import io.huitong.protocols.iso8583.Field;
import io.huitong.protocols.iso8583.Iso8583Codec;
import io.huitong.protocols.iso8583.Mti;
import io.huitong.protocols.iso8583.TransactionState;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/api.md's test cards, each over a real TCP connection to a simulated acquirer. */
class AcquirerTestCardsTest extends SimulatorTestSupport {

    private static BookEntry booked(String channel, String reference) {
        return sim.transactions(channel).stream().filter(e -> e.reference().equals(reference)).findFirst().orElse(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424242", "5555555555554444", "6200000000000005", "4000000000000010", "378282246310005"})
    void approvesTheApprovedCardsAndAnyOtherValidNumber(String pan) throws IOException {
        String reference = ref();
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_A))) {
            IsoMessage answer = client.exchange(TestClient.sale(reference, pan));
            assertThat(answer.getType()).isEqualTo(Mti.FINANCIAL_RESPONSE);
            assertThat(rc(answer)).isEqualTo("00");
            assertThat(Iso8583Codec.get(answer, Field.AUTHORIZATION_CODE)).hasSize(6);
            assertThat(Iso8583Codec.get(answer, Field.RRN)).hasSize(12);
            assertThat(answer.hasField(Field.PAN.number())).isFalse();
        }
        BookEntry entry = booked(Simulator.ACQ_A, reference);
        assertThat(entry.state()).isEqualTo(TransactionState.CAPTURED);
        assertThat(entry.maskedPan()).startsWith(pan.substring(0, 6)).endsWith(pan.substring(pan.length() - 4)).contains("*");
        assertThat(entry.toString()).doesNotContain(pan);
    }

    @Test
    void declinesTheDeclinedCards() throws IOException {
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_A))) {
            String declined = ref();
            assertThat(rc(client.exchange(TestClient.sale(declined, "4000000000000002")))).isEqualTo("05");
            assertThat(booked(Simulator.ACQ_A, declined).state()).isEqualTo(TransactionState.DECLINED);
            String poor = ref();
            assertThat(rc(client.exchange(TestClient.sale(poor, "4000000000009995")))).isEqualTo("51");
            assertThat(booked(Simulator.ACQ_A, poor).responseCode()).isEqualTo("51");
            assertThat(rc(client.exchange(TestClient.sale(ref(), "4242424242424241")))).isEqualTo("14");
        }
    }

    @Test
    void asksForStepUpUnlessThePayerAuthenticated() throws IOException {
        String reference = ref();
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_A))) {
            assertThat(rc(client.exchange(TestClient.authorization(Mti.AUTHORIZATION, reference, "4000000000003220", 500, false)))).isEqualTo("1A");
            assertThat(booked(Simulator.ACQ_A, reference)).isNull();
            assertThat(rc(client.exchange(TestClient.authorization(Mti.AUTHORIZATION, reference, "4000000000003220", 500, true)))).isEqualTo("00");
            assertThat(booked(Simulator.ACQ_A, reference).state()).isEqualTo(TransactionState.AUTHORIZED);
        }
    }

    @Test
    void theChannelErrorCardFailsOnThePrimaryAndPassesOnTheOther() throws IOException {
        String reference = ref();
        try (TestClient a = new TestClient(sim.channel(Simulator.ACQ_A)); TestClient b = new TestClient(sim.channel(Simulator.ACQ_B))) {
            assertThat(rc(a.exchange(TestClient.sale(reference, "4000000000000119")))).isEqualTo("96");
            assertThat(booked(Simulator.ACQ_A, reference)).isNull();
            assertThat(rc(b.exchange(TestClient.sale(reference, "4000000000000119")))).isEqualTo("00");
            assertThat(booked(Simulator.ACQ_B, reference).state()).isEqualTo(TransactionState.CAPTURED);
        }
    }

    @Test
    void theLostAnswerCardIsApprovedButNeverAnswered() throws IOException {
        String reference = ref();
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_A))) {
            assertThat(client.exchange(TestClient.sale(reference, "4000000000000259"), 300)).isNull();
            assertThat(booked(Simulator.ACQ_A, reference).state()).isEqualTo(TransactionState.CAPTURED);
            IsoMessage status = client.exchange(TestClient.inquiry(reference));
            assertThat(rc(status)).isEqualTo("00");
            assertThat(Iso8583Codec.get(status, Field.TRANSACTION_STATE)).isEqualTo("captured");
        }
    }

    @Test
    void theDroppedRequestCardIsNeverAnsweredNorRecorded() throws IOException {
        String reference = ref();
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_A))) {
            assertThat(client.exchange(TestClient.sale(reference, "4000000000000267"), 300)).isNull();
            assertThat(booked(Simulator.ACQ_A, reference)).isNull();
            assertThat(rc(client.exchange(TestClient.inquiry(reference)))).isEqualTo("25");
        }
    }

    @Test
    void anExpiredCardIsDeclined() throws IOException {
        IsoMessage sale = TestClient.sale(ref(), "4242424242424242");
        Iso8583Codec.set(sale, Field.EXPIRY, "2001");
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_B))) {
            assertThat(rc(client.exchange(sale))).isEqualTo("54");
        }
    }
}
