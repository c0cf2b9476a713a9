package io.huitong.simulator;

import static io.huitong.simulator.SimulatorTestSupport.ref;
import static io.huitong.simulator.TestClient.rc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.solab.iso8583.IsoMessage;
import io.huitong.protocols.iso8583.TransactionState;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Modes set at run time: down, error, timeout, late_approve, latency and error rate. */
class AcquirerModesTest {

    private static final String PAN = "4242424242424242";
    private Simulator sim;

    @BeforeEach
    void start() {
        sim = Simulator.start(SimulatorOptions.loopback());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private void mode(Mode mode, long latencyMs, double errorRate) {
        sim.configure(Simulator.ACQ_A, new ChannelSettings(mode, latencyMs, errorRate));
    }

    @Test
    void downRefusesConnectionsAndDropsOpenOnesUntilUpAgain() throws IOException {
        ChannelInfo a = sim.channel(Simulator.ACQ_A);
        try (TestClient open = new TestClient(a)) {
            mode(Mode.DOWN, 0, 0);
            assertThat(open.closedByServer(1_000)).isTrue();
        }
        assertThatThrownBy(() -> new TestClient(a)).isInstanceOf(ConnectException.class);
        try (TestClient other = new TestClient(sim.channel(Simulator.ACQ_B))) {
            assertThat(rc(other.exchange(TestClient.sale(ref(), PAN)))).isEqualTo("00");
        }

        mode(Mode.UP, 0, 0);
        assertThat(sim.channel(Simulator.ACQ_A).port()).isEqualTo(a.port());
        try (TestClient again = new TestClient(a)) {
            assertThat(rc(again.exchange(TestClient.sale(ref(), PAN)))).isEqualTo("00");
        }
    }

    @Test
    void errorAnswersSystemErrorAndDoesNothing() throws IOException {
        mode(Mode.ERROR, 0, 0);
        String reference = ref();
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_A))) {
            assertThat(rc(client.exchange(TestClient.sale(reference, PAN)))).isEqualTo("96");
            assertThat(rc(client.exchange(TestClient.inquiry(reference)))).isEqualTo("96");
        }
        assertThat(sim.transactions(Simulator.ACQ_A)).isEmpty();
    }

    @Test
    void timeoutNeverAnswersNorActs() throws IOException {
        mode(Mode.TIMEOUT, 0, 0);
        String reference = ref();
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_A))) {
            assertThat(client.exchange(TestClient.sale(reference, PAN), 300)).isNull();
            mode(Mode.UP, 0, 0);
            assertThat(client.read(300)).as("no answer arrives later either").isNull();
            assertThat(rc(client.exchange(TestClient.inquiry(reference)))).isEqualTo("25");
        }
        assertThat(sim.transactions(Simulator.ACQ_A)).isEmpty();
    }

    @Test
    void lateApproveActsAtOnceButAnswersAfterTheLatency() throws IOException {
        mode(Mode.LATE_APPROVE, 600, 0);
        String reference = ref();
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_A))) {
            assertThat(client.exchange(TestClient.sale(reference, PAN), 200)).isNull();
            assertThat(sim.transactions(Simulator.ACQ_A)).singleElement()
                    .satisfies(e -> assertThat(e.state()).isEqualTo(TransactionState.CAPTURED));
            IsoMessage late = client.read(2_000);
            assertThat(rc(late)).isEqualTo("00");
        }
    }

    @Test
    void latencyDelaysEveryAnswer() throws IOException {
        mode(Mode.UP, 300, 0);
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_A))) {
            long start = System.nanoTime();
            assertThat(rc(client.exchange(TestClient.sale(ref(), PAN)))).isEqualTo("00");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(290);
        }
    }

    @Test
    void anErrorRateOfOneAnswersEveryRequestWithSystemError() throws IOException {
        mode(Mode.UP, 0, 1.0);
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_A))) {
            for (int i = 0; i < 5; i++) {
                assertThat(rc(client.exchange(TestClient.sale(ref(), PAN)))).isEqualTo("96");
            }
        }
        assertThat(sim.transactions(Simulator.ACQ_A)).isEmpty();
    }
}
