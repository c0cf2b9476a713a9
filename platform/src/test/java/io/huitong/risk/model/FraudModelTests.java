package io.huitong.risk.model;

import io.huitong.risk.model.traffic.TrafficGenerator;
import io.huitong.risk.model.traffic.TrafficGenerator.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FraudModelTests {

    static XgboostFraudModel model;

    @BeforeAll
    static void load() {
        model = FraudModelConfiguration.loadBuiltIn();
    }

    @Test
    void theBuiltInModelLoadsWithItsMetadata() {
        assertThat(model.version()).startsWith("fraud-xgb-s2026-");
        assertThat(model.metadata().features()).isEqualTo(Features.NAMES);
        assertThat(model.threshold()).isBetween(0.0, 1.0);
        assertThat(model.metadata().seed()).isEqualTo(2026);
    }

    @Test
    void itsHeldOutMetricsMeetTheFloor() {
        FraudModelMetadata.Metrics test = model.metadata().test();
        assertThat(test.events()).isGreaterThan(50_000);
        assertThat(test.accuracy()).isGreaterThanOrEqualTo(0.98);
        assertThat(test.falsePositiveRate()).isLessThanOrEqualTo(0.001);
        assertThat(test.auc()).isGreaterThan(0.99);
    }

    @Test
    void anAccountDrainedFromAbroadInTheNightIsFraud() {
        Features takeover = new Features(1_500_000, 150, 3, 2, 3_000_000, 2, 2, true, true, 9_000, 4, 0, 1_200);
        assertThat(model.flags(model.probability(takeover))).isTrue();
    }

    @Test
    void aBotTryingCardsWithSmallAmountsIsFraud() {
        Features testing = new Features(300, 1, 4, 2, 700, 45, 40, false, true, 0, 0.5, 2, 0);
        assertThat(model.flags(model.probability(testing))).isTrue();
    }

    @Test
    void aRegularLunchIsNot() {
        Features lunch = new Features(4_500, 1.1, 12, 0, 4_500, 1, 0, false, false, 4, 1_080, 0, 800);
        assertThat(model.probability(lunch)).isLessThan(0.01);
        assertThat(model.flags(model.probability(lunch))).isFalse();
    }

    @Test
    void scoringIsThreadSafe() throws Exception {
        SplittableRandom random = new SplittableRandom(1);
        List<Features> inputs = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            inputs.add(new Features(random.nextLong(1, 5_000_000), random.nextDouble(0, 200), random.nextInt(24), random.nextInt(5),
                    random.nextLong(10_000_000), random.nextInt(50), random.nextInt(40), random.nextBoolean(), random.nextBoolean(),
                    random.nextDouble(0, 10_000), random.nextDouble(0, 10_000), random.nextInt(5), random.nextDouble(0, 2_000)));
        }
        double[] expected = inputs.stream().mapToDouble(model::probability).toArray();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t * 250;
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 3; round++) {
                        for (int i = 0; i < inputs.size(); i++) {
                            int k = (i + offset) % inputs.size();
                            if (model.probability(inputs.get(k)) != expected[k]) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        }
    }

    /** Scored in Java, the model answers what XGBoost answers, payment by payment, and flags the same ones. */
    @Test
    void itsEvaluationInJavaAnswersAsXgboostDoes() {
        assertThat(model.scoredInJava()).isTrue();
        long[] compared = {0};
        new TrafficGenerator(Settings.defaults(11).withCustomers(500).withDays(4)).samples().forEach(s -> {
            double java = model.probability(s.features());
            double xgboost = model.nativeProbability(s.features());
            assertThat(java).isCloseTo(xgboost, org.assertj.core.data.Offset.offset(XgboostFraudModel.AGREEMENT));
            assertThat(model.flags(java)).isEqualTo(model.flags(xgboost));
            compared[0]++;
        });
        assertThat(compared[0]).isGreaterThan(2_000);
    }

    /** Traffic of another seed than the model's: it must hold up on customers and campaigns it never saw. */
    @Test
    void onTrafficOfAnotherSeedItStaysAccurate() {
        Settings settings = Settings.defaults(7).withCustomers(2_000).withDays(8);
        Instant scoredFrom = settings.start().atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant().plus(Duration.ofDays(3));
        long[] counts = new long[4]; // tp, fp, tn, fn
        new TrafficGenerator(settings).samples().filter(s -> !s.event().at().isBefore(scoredFrom)).forEach(s -> {
            boolean flagged = model.flags(model.probability(s.features()));
            boolean fraud = s.event().label().fraud();
            counts[fraud ? (flagged ? 0 : 3) : (flagged ? 1 : 2)]++;
        });
        long all = counts[0] + counts[1] + counts[2] + counts[3];
        double accuracy = (counts[0] + counts[2]) / (double) all;
        double falsePositiveRate = counts[1] / (double) (counts[1] + counts[2]);
        double recall = counts[0] / (double) (counts[0] + counts[3]);
        assertThat(all).isGreaterThan(15_000);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.98);
        assertThat(falsePositiveRate).isLessThanOrEqualTo(0.002);
        assertThat(recall).isGreaterThan(0.7);
    }

    @Test
    void aConfiguredModelFileLoadsWithTheMetadataBesideIt(@TempDir Path dir) throws Exception {
        copy("risk/fraud-model.ubj", dir.resolve("mine.ubj"));
        copy("risk/fraud-model.json", dir.resolve("mine.json"));
        XgboostFraudModel mine = FraudModelConfiguration.load(dir.resolve("mine.ubj"));
        assertThat(mine.version()).isEqualTo(model.version());
        Features f = new Features(4_500, 1.1, 12, 0, 4_500, 1, 0, false, false, 4, 1_080, 0, 800);
        assertThat(mine.probability(f)).isEqualTo(model.probability(f));
    }

    @Test
    void aConfiguredPathThatIsMissingFailsClearly(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new FraudModelConfiguration().fraudModel(dir.resolve("absent.ubj").toString()))
                .isInstanceOf(FraudModelUnavailableException.class)
                .hasMessageContaining("HUITONG_RISK_MODEL_PATH").hasMessageContaining("absent.ubj");
        copy("risk/fraud-model.ubj", dir.resolve("lonely.ubj"));
        assertThatThrownBy(() -> FraudModelConfiguration.load(dir.resolve("lonely.ubj")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lonely.json");
    }

    @Test
    void aModelTrainedOnOtherFeaturesIsRefused() throws Exception {
        byte[] bytes;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("risk/fraud-model.ubj")) {
            bytes = in.readAllBytes();
        }
        FraudModelMetadata m = model.metadata();
        FraudModelMetadata other = new FraudModelMetadata(m.version(), m.library(), m.seed(), m.data(), Features.NAMES.subList(0, 12),
                m.threshold(), m.targetFalsePositiveRate(), m.validation(), m.test());
        assertThatThrownBy(() -> XgboostFraudModel.load(bytes, other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("features");
    }

    private void copy(String resource, Path to) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, to);
        }
    }
}
