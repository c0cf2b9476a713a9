package io.huitong.risk.model;

import io.huitong.risk.model.traffic.AddressPlan;
import io.huitong.risk.model.traffic.Label;
import io.huitong.risk.model.traffic.StreamFeatures;
import io.huitong.risk.model.traffic.TrafficEvent;
import io.huitong.risk.model.traffic.TrafficEvent.PayerKind;
import io.huitong.risk.model.traffic.TrafficGenerator;
import io.huitong.risk.model.traffic.TrafficGenerator.Settings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The traffic generator and the features it computes (named so the fraud model's targeted runs include it). */
class FraudModelTrafficTests {

    static Settings small(long seed) {
        return Settings.defaults(seed).withCustomers(800).withDays(4);
    }

    @Test
    void theSameSeedGivesTheSameStream() {
        List<TrafficEvent> a = new TrafficGenerator(small(11)).events().toList();
        List<TrafficEvent> b = new TrafficGenerator(small(11)).events().toList();
        List<TrafficEvent> c = new TrafficGenerator(small(12)).events().toList();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(new TrafficGenerator(small(11)).samples().map(TrafficGenerator.Sample::features).toList())
                .isEqualTo(new TrafficGenerator(small(11)).samples().map(TrafficGenerator.Sample::features).toList());
    }

    @Test
    void eventsComeInTheOrderOfTheirTimeAndEveryPatternIsPlanted() {
        Settings settings = Settings.defaults(3).withCustomers(1_000).withDays(6);
        List<TrafficEvent> events = new TrafficGenerator(settings.withRates(3.0, 0.8, 3.0, 1.0)).events().toList();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).seq()).isEqualTo(i);
            assertThat(events.get(i).at()).isAfterOrEqualTo(events.get(i - 1).at());
        }
        Map<Label, Long> byLabel = events.stream().collect(Collectors.groupingBy(TrafficEvent::label, Collectors.counting()));
        assertThat(byLabel.keySet()).containsExactlyInAnyOrder(Label.values());
        // the fraud rates are a day's, whatever the population: at 1,000 customers fraud is some 4 % of the traffic
        assertThat(byLabel.get(Label.LEGIT)).isGreaterThan(events.size() * 90L / 100);
        assertThat(events).allSatisfy(e -> assertThat(e.amountMinor()).isPositive());
        assertThat(events).filteredOn(e -> e.category().equals("P2P")).allSatisfy(e -> assertThat(e.payee()).startsWith("U").isNotEqualTo(e.payer()));
        assertThat(events.stream().filter(e -> e.label() == Label.LAUNDERING).map(e -> e.campaign().replaceAll("-.*", "")).distinct())
                .containsExactlyInAnyOrder("FAN", "ROUND", "STRUCT");

        // laundering draws from a random of its own: without it, the rest of the stream is the same
        List<TrafficEvent> without = new TrafficGenerator(settings).events().toList();
        assertThat(without.stream().map(e -> e.withSeq(0)).toList())
                .isEqualTo(events.stream().filter(e -> e.label() != Label.LAUNDERING).map(e -> e.withSeq(0)).toList());
    }

    @Test
    void theAddressPlanGivesEveryGeneratedAddressAndCardItsCountry() {
        io.huitong.risk.domain.Places places = new io.huitong.risk.domain.Places(AddressPlan.ipCountries(), AddressPlan.cardCountries());
        List<TrafficEvent> events = new TrafficGenerator(Settings.defaults(5).withCustomers(600).withDays(3)).events().toList();
        assertThat(events).allSatisfy(e -> {
            assertThat(places.ipCountry(e.ip())).as(e.ip()).isEqualTo(e.ipCountry());
            assertThat(places.cardCountry(io.huitong.simulator.Simulator.approvedCard(AddressPlan.cardPrefix(e.cardCountry()), e.seq())))
                    .isEqualTo(e.cardCountry());
        });
    }

    @Test
    void featuresCountThePayersDevicesAndAddressesPastOnly() {
        Instant t0 = Instant.parse("2026-01-05T02:00:00Z"); // 10:00 in Shanghai
        Function<Object[], TrafficEvent> e = a -> new TrafficEvent(0, t0.plusSeconds((Integer) a[0]), (String) a[1], PayerKind.CARD, "M1",
                "GROCERY", (Long) a[2], "CNY", (String) a[3], (String) a[4], "CN", "CN", (String) a[5], 31.23, (Double) a[6],
                t0.minusSeconds(86_400 * 10), Label.LEGIT, null);
        StreamFeatures features = new StreamFeatures();

        Features first = features.next(e.apply(new Object[] {0, "C1", 10_000L, "D1", "1.1.1.1", "CN", 121.47}));
        assertThat(first.payerCountLastHour()).isZero();
        assertThat(first.amountToPayerMedian()).isEqualTo(1.0);
        assertThat(first.newDevice()).isTrue();
        assertThat(first.minutesSinceLastPayment()).isEqualTo(StreamFeatures.NO_PREVIOUS_MINUTES);
        assertThat(first.kmFromLastPayment()).isZero();
        assertThat(first.hourOfDay()).isEqualTo(10);
        assertThat(first.accountAgeDays()).isEqualTo(10.0);

        features.next(e.apply(new Object[] {600, "C1", 500L, "D1", "1.1.1.1", "CN", 121.47}));
        features.next(e.apply(new Object[] {900, "C2", 700L, "D1", "1.1.1.1", "CN", 121.47}));
        // 40 minutes in, a third payment by C1, from a new device, 1 degree of longitude east, declared abroad
        Features third = features.next(e.apply(new Object[] {2_400, "C1", 30_000L, "D2", "1.1.1.1", "HK", 122.47}));
        assertThat(third.payerCountLastHour()).isEqualTo(2);
        assertThat(third.payerSumLastDayMinor()).isEqualTo(10_500);
        assertThat(third.smallPaymentsLastHour()).isEqualTo(1);
        assertThat(third.amountToPayerMedian()).isEqualTo(30_000 / 5_250.0);
        assertThat(third.newDevice()).isTrue();
        assertThat(third.countryMismatch()).isTrue();
        assertThat(third.ipCountLastHour()).isEqualTo(3);
        assertThat(third.deviceCountLastDay()).isZero();
        assertThat(third.kmFromLastPayment()).isBetween(94.0, 96.0);
        assertThat(third.minutesSinceLastPayment()).isEqualTo(30.0);

        // two hours later the hour's window has emptied, the day's has not
        Features later = features.next(e.apply(new Object[] {7_300, "C1", 10_000L, "D1", "2.2.2.2", "CN", 121.47}));
        assertThat(later.payerCountLastHour()).isZero();
        assertThat(later.smallPaymentsLastHour()).isZero();
        assertThat(later.payerSumLastDayMinor()).isEqualTo(40_500);
        assertThat(later.newDevice()).isFalse();
        assertThat(later.deviceCountLastDay()).isEqualTo(3);
        assertThat(later.ipCountLastHour()).isZero();
    }
}
