package io.huitong.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.risk.domain.VelocityStore;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every velocity store does, in process or in Redis: the same tests for both. */
abstract class VelocityStoreContract {

    final String run = UUID.randomUUID().toString();
    final Instant t0 = Instant.parse("2026-03-01T02:00:00Z");

    abstract VelocityStore store();

    String key(String name) {
        return name + ":" + run;
    }

    @Test
    void countsAndSumsOverTheHourAndTheDay() {
        VelocityStore s = store();
        String card = key("card");
        String ip = key("ip");
        s.add(new String[] {card, null, ip}, t0, 500, true);
        s.add(new String[] {card}, t0.plus(Duration.ofMinutes(10)), 20_000, false);
        VelocityStore.Window w = s.window(card, t0.plus(Duration.ofMinutes(20)));
        assertThat(w).isEqualTo(new VelocityStore.Window(2, 20_500, 2, 20_500, 1));
        assertThat(s.window(ip, t0.plus(Duration.ofMinutes(20)))).isEqualTo(new VelocityStore.Window(1, 500, 1, 500, 1));
        assertThat(s.window(key("nobody"), t0)).isEqualTo(VelocityStore.Window.EMPTY);
    }

    @Test
    void theHourSlidesOutButTheDayRemembers() {
        VelocityStore s = store();
        String card = key("card");
        s.add(new String[] {card}, t0, 700, true);
        VelocityStore.Window later = s.window(card, t0.plus(Duration.ofMinutes(65)));
        assertThat(later.count1h()).isZero();
        assertThat(later.small1h()).isZero();
        assertThat(later.count24h()).isEqualTo(1);
        assertThat(later.sum24h()).isEqualTo(700);
        assertThat(s.window(card, t0.plus(Duration.ofHours(25))).count24h()).isZero();
    }

    @Test
    void aPayersHistory() {
        VelocityStore s = store();
        String payer = key("payer");
        assertThat(s.payer(payer, "d1").firstSeen()).isNull();
        s.rememberPayer(payer, t0, 31.2, 121.5, 1000, "d1");
        s.rememberPayer(payer, t0.plus(Duration.ofMinutes(5)), null, null, 3000, null);
        s.rememberPayer(payer, t0.plus(Duration.ofMinutes(6)), null, null, 2000, "d2");
        VelocityStore.Payer p = s.payer(payer, "d1");
        assertThat(p.firstSeen()).isEqualTo(t0);
        assertThat(p.lastSeen()).isEqualTo(t0.plus(Duration.ofMinutes(6)));
        assertThat(p.lastLocatedAt()).isEqualTo(t0);
        assertThat(p.lastLatitude()).isEqualTo(31.2);
        assertThat(p.lastLongitude()).isEqualTo(121.5);
        assertThat(p.medianAmount()).isEqualTo(2000);
        assertThat(p.knowsDevice()).isTrue();
        assertThat(s.payer(payer, "d3").knowsDevice()).isFalse();
    }

    @Test
    void aDecisionReadsItsWindowsAndPayerAtOnceAndRecordsWhatMoved() {
        VelocityStore s = store();
        String card = key("card");
        String device = key("device");
        String payer = key("payer");
        s.record(new String[] {card, device, null}, payer, t0, 800, true, 31.2, 121.5, "d1");
        s.record(new String[] {card, null, null}, payer, t0.plus(Duration.ofMinutes(3)), 4_000, false, null, null, null);

        VelocityStore.Reading read = s.read(new String[] {card, device, null, key("nobody")}, payer, "d1", t0.plus(Duration.ofMinutes(5)));
        assertThat(read.windows()).containsExactly(new VelocityStore.Window(2, 4_800, 2, 4_800, 1),
                new VelocityStore.Window(1, 800, 1, 800, 1), VelocityStore.Window.EMPTY, VelocityStore.Window.EMPTY);
        assertThat(read.windows().get(0)).isEqualTo(s.window(card, t0.plus(Duration.ofMinutes(5))));
        assertThat(read.payer()).isEqualTo(s.payer(payer, "d1"));
        assertThat(read.payer().firstSeen()).isEqualTo(t0);
        assertThat(read.payer().lastSeen()).isEqualTo(t0.plus(Duration.ofMinutes(3)));
        assertThat(read.payer().medianAmount()).isEqualTo(2_400);
        assertThat(read.payer().knowsDevice()).isTrue();
        assertThat(s.read(new String[] {null}, null, null, t0).payer()).isEqualTo(VelocityStore.Payer.unknown());
    }
}
