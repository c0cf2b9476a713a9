package io.huitong.simulator;

import static io.huitong.simulator.TestClient.rc;
import static org.assertj.core.api.Assertions.assertThat;

import com.solab.iso8583.IsoMessage;
import io.huitong.protocols.iso8583.Mti;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Frames the acquirer cannot read: answered "format error" where possible, otherwise the connection closes; the server goes on. */
class MalformedFramesTest extends SimulatorTestSupport {

    @Test
    void aMessageWithAReadableHeaderGetsFormatErrorAndTheConnectionSurvives() throws IOException {
        byte[] sale = TestClient.CODEC.encode(TestClient.sale("pay_malformed", "4242424242424242"));
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_A))) {
            client.sendRaw(Arrays.copyOf(sale, 30));
            IsoMessage answer = client.read(2_000);
            assertThat(answer.getType()).isEqualTo(Mti.FINANCIAL_RESPONSE);
            assertThat(rc(answer)).isEqualTo("30");
            assertThat(rc(client.exchange(TestClient.sale("pay_after_malformed", "4242424242424242")))).isEqualTo("00");
        }
        assertThat(sim.transactions(Simulator.ACQ_A)).extracting(BookEntry::reference).doesNotContain("pay_malformed");
    }

    @Test
    void garbageClosesTheConnectionButNotTheServer() throws IOException {
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_A))) {
            client.sendRaw("GET / HTTP/1.1\r\nHost: acquirer\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.closedByServer(2_000)).isTrue();
        }
        try (TestClient next = new TestClient(sim.channel(Simulator.ACQ_A))) {
            assertThat(rc(next.exchange(TestClient.network("301", null)))).isEqualTo("00");
        }
    }

    @Test
    void aTruncatedFrameEndsOnlyItsOwnConnection() throws IOException {
        try (TestClient bystander = new TestClient(sim.channel(Simulator.ACQ_A))) {
            try (TestClient broken = new TestClient(sim.channel(Simulator.ACQ_A))) {
                broken.sendBytes(new byte[] {0, 100, '0', '2', '0', '0'});
            }
            assertThat(rc(bystander.exchange(TestClient.sale("pay_bystander", "4242424242424242")))).isEqualTo("00");
        }
    }

    @Test
    void anEmptyFrameClosesTheConnection() throws IOException {
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_A))) {
            client.sendBytes(new byte[] {0, 0});
            assertThat(client.closedByServer(2_000)).isTrue();
        }
    }
}
