package io.huitong.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.BusinessDates;
import io.huitong.testsupport.PlatformProcess;
import io.huitong.testsupport.PlatformProcess.Answer;
import io.huitong.testsupport.TestDatabases;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A settlement run killed ({@code kill -9}) half-way and started again settles every ledger movement once: what the
 * killed run committed stays settled, the balance it was in the middle of is settled by the new run, the rest too, and
 * the killed run is reported failed once it has been silent for {@code huitong.settlement.stale-run}.
 *
 * <p>The platform runs on its own clock here, the real one: payments happen today (Asia/Shanghai) and merchants settle
 * T0, so a run of today settles them. Today, and tomorrow in case the test runs over midnight, are made business days
 * with the calendar API, as an operator would for a make-up working day, when the shipped calendar has them off.
 */
class SettlementCrashRecoveryPostgresTest {

    /** The test operators' key, so that a second operator (made with it) can approve the merchants' bank accounts. */
    private static final String ADMIN_KEY = io.huitong.testsupport.ApiTestSupport.ADMIN_KEY;
    private static final String[] CURRENCIES = {"CNY", "USD", "HKD"};
    /** Enough merchant balances (three each) that a run takes seconds, to be killed in the middle of. */
    private static final int MERCHANTS = 70;

    private record Shop(String id, String bearer) {
    }

    @Test
    void aRunKilledHalfWayAndStartedAgainSettlesEveryMovementOnce() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.postgres();
             PlatformProcess platform = new PlatformProcess(db, ADMIN_KEY, "--huitong.settlement.automatic=false",
                     "--huitong.settlement.stale-run=3s", "--huitong.settlement.interval=500ms")) {
            platform.start();
            // the day's trading and its settlement run on one business date
            LocalDate today = BusinessDates.sameAtBothEnds(java.time.Clock.systemUTC(), Duration.ofMinutes(5));
            businessDay(platform, today);
            businessDay(platform, today.plusDays(1));
            ok(platform.post("/v1/admin/fx_rates", platform.admin(), "{\"base\":\"USD\",\"quote\":\"CNY\",\"rate\":\"7.1234\"}"));
            ok(platform.post("/v1/admin/fx_rates", platform.admin(), "{\"base\":\"HKD\",\"quote\":\"CNY\",\"rate\":\"0.9137\"}"));

            // on the platform's own clock, the real one: an approver logs in with the codes of the current TOTP steps
            io.huitong.testsupport.TestOperators.LoggedIn approver = new io.huitong.testsupport.TestApprovals(
                    new io.huitong.testsupport.Api(platform.port()), new io.huitong.testsupport.MutableClock()).approver();
            List<Shop> shops = inParallel(MERCHANTS, i -> onboard(platform, approver, i));
            ConcurrentLinkedQueue<String> movements = new ConcurrentLinkedQueue<>();
            inParallel(MERCHANTS, i -> trade(platform, shops.get(i), movements));

            String date = today.toString();
            JsonNode started = ok(platform.post("/v1/admin/settlement_runs", platform.admin(), "{\"business_date\":\"" + date + "\"}"));
            String killed = started.path("id").asString();
            int total = started.path("progress").path("total").asInt();
            assertThat(total).isEqualTo(MERCHANTS * CURRENCIES.length);
            int doneAtKill = killHalfWay(platform, killed, total);

            platform.start();
            JsonNode failed = await(platform, killed, "failed", 30);
            assertThat(failed.path("failure").asString()).as(failed.toString()).contains("interrupted");
            long restarted = System.nanoTime();
            JsonNode again = ok(platform.post("/v1/admin/settlement_runs", platform.admin(), "{\"business_date\":\"" + date + "\"}"));
            JsonNode completed = await(platform, again.path("id").asString(), "completed", 120);
            long rerunMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
            assertThat(completed.path("skipped").asInt()).as(completed.toString()).isZero();

            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            int settledBeforeKill = jdbc.sql("select count(*) from settlement where run_id = ?").param(killed).query(Integer.class).single();
            assertThat(settledBeforeKill).as("the killed run settled some balances (%d done when killed), not all", doneAtKill)
                    .isPositive().isLessThan(total);
            assertThat(completed.path("settlements").asInt()).as("the new run settled the rest").isEqualTo(total - settledBeforeKill);
            System.out.printf("Settlement run %s killed at %d of %d balances (%d settlements committed); run %s settled the other %d"
                    + " in %d ms%n", killed, doneAtKill, total, settledBeforeKill, again.path("id").asString(), completed.path("settlements").asInt(),
                    rerunMillis);
            assertSettledOnce(jdbc, total, movements);
            JsonNode check = ok(platform.get("/v1/admin/ledger/check", platform.admin()));
            assertThat(check.path("balanced").asBoolean()).as(check.toString()).isTrue();

            // the platform's own log file: JSON lines, those written for a request carrying its id (removing a risk list
            // entry is logged by the request that does it)
            JsonNode entry = ok(platform.post("/v1/admin/risk/lists/device", platform.admin(), "{\"value\":\"log-check\",\"action\":\"block\"}"));
            assertThat(platform.delete("/v1/admin/risk/lists/device/" + entry.path("id").asString(), platform.admin()).status()).isLessThan(300);
            java.util.List<String> lines = java.nio.file.Files.readAllLines(platform.structuredLog());
            assertThat(lines).isNotEmpty();
            tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
            java.util.List<JsonNode> entries = lines.stream().map(json::readTree).toList();
            assertThat(entries).allSatisfy(e -> assertThat(e.path("@timestamp").asString()).isNotEmpty());
            assertThat(entries).filteredOn(e -> e.path("message").asString().contains("removed by"))
                    .singleElement().satisfies(e -> assertThat(e.path("request_id").asString()).startsWith("req_"));
        }
    }

    /**
     * Waits until the run is a third of the way (so that it committed some balances and has more to go), and kills the
     * platform; answers how far it was.
     */
    private static int killHalfWay(PlatformProcess platform, String run, int total) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode r = ok(platform.get("/v1/admin/settlement_runs/" + run, platform.admin()));
            int done = r.path("progress").path("done").asInt();
            assertThat(r.path("status").asString()).as("the run ended before it could be killed half-way; make more balances: " + r)
                    .isEqualTo("running");
            if (done >= Math.max(1, total / 3) && done <= total - 2) {
                platform.kill();
                return done;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the run did not start");
    }

    private static void assertSettledOnce(JdbcClient jdbc, int positions, ConcurrentLinkedQueue<String> movements) {
        List<Map<String, Object>> perPosition = jdbc.sql("select merchant_id, source_currency, count(*) as n from settlement"
                + " group by merchant_id, source_currency").query().listOfRows();
        assertThat(perPosition).as("a settlement for each balance").hasSize(positions)
                .allSatisfy(row -> assertThat(((Number) row.get("n")).intValue()).as("settlements of %s", row).isEqualTo(1));
        List<String> lines = jdbc.sql("select object_id from settlement_line").query(String.class).list();
        assertThat(lines).as("a line for every payment and refund, once").hasSize(movements.size());
        assertThat(new HashSet<>(lines)).isEqualTo(new HashSet<>(movements));
        List<Map<String, Object>> unbalanced = jdbc.sql("select s.id, s.source_net, sum(l.net) as lines from settlement s"
                + " join settlement_line l on l.settlement_id = s.id group by s.id, s.source_net having sum(l.net) <> s.source_net")
                .query().listOfRows();
        assertThat(unbalanced).as("settlements whose lines do not add up to their net").isEmpty();
        assertThat(jdbc.sql("select account_id, sum(case when direction = 'credit' then amount else -amount end) as balance"
                + " from ledger_entry where account_id like 'mer\\_%:pending:%' escape '\\' and layer = 'posted' group by account_id"
                + " having sum(case when direction = 'credit' then amount else -amount end) <> 0").query().listOfRows())
                .as("pending balances left after every balance was settled").isEmpty();
        long moved = jdbc.sql("select coalesce(sum(source_net), 0) from settlement").query(Long.class).single();
        long movedOnLedger = jdbc.sql("select coalesce(sum(amount), 0) from ledger_transfer where code = 'settlement'").query(Long.class).single();
        assertThat(movedOnLedger).as("the ledger moved what the settlements say, once").isEqualTo(moved);
    }

    private static Shop onboard(PlatformProcess platform, io.huitong.testsupport.TestOperators.LoggedIn approver, int i) throws Exception {
        JsonNode m = ok(platform.post("/v1/admin/merchants", platform.admin(), "{\"name\":\"Crash Shop " + i + "\",\"email\":\"ops@crash" + i
                + ".example\",\"default_currency\":\"CNY\",\"settlement_schedule\":\"T0\",\"fee_percent_bps\":200}"));
        if (i % 2 == 0) {
            PlatformProcess.Answer asked = platform.put("/v1/admin/merchants/" + m.path("id").asString() + "/bank_account", platform.admin(),
                    "{\"bank_code\":\"999900000001\",\"account_number\":\"6222004000000004242\",\"account_name\":\"汇通测试\"}");
            assertThat(asked.status()).as(String.valueOf(asked.json())).isEqualTo(202);
            ok(platform.post("/v1/admin/approvals/" + asked.json().path("id").asString() + "/approve", approver.bearer(), "{}"));
        }
        return new Shop(m.path("id").asString(), "Bearer " + m.path("secret_key").asString());
    }

    /** A payment in each currency, and a small refund of the one in CNY: every balance has something to settle. */
    private static Void trade(PlatformProcess platform, Shop shop, ConcurrentLinkedQueue<String> movements) throws Exception {
        String cny = null;
        for (String currency : CURRENCIES) {
            JsonNode p = ok(platform.post("/v1/payments", shop.bearer(), "{\"amount\":" + (5_000 + ThreadLocalRandom.current().nextInt(5_000))
                    + ",\"currency\":\"" + currency + "\",\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":\"" + card()
                    + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}"));
            assertThat(p.path("status").asString()).as(p.toString()).isEqualTo("succeeded");
            movements.add(p.path("id").asString());
            cny = cny == null ? p.path("id").asString() : cny;
        }
        movements.add(ok(platform.post("/v1/refunds", shop.bearer(), "{\"payment\":\"" + cny + "\",\"amount\":100}")).path("id").asString());
        return null;
    }

    /** Makes a date a business day, if the calendar has it off: a make-up working day, and no holiday. */
    private static void businessDay(PlatformProcess platform, LocalDate date) throws Exception {
        JsonNode year = ok(platform.get("/v1/admin/calendar/" + date.getYear(), platform.admin()));
        List<String> holidays = new ArrayList<>();
        year.path("holidays").forEach(d -> holidays.add(d.asString()));
        List<String> workingDays = new ArrayList<>();
        year.path("working_days").forEach(d -> workingDays.add(d.asString()));
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        if (!holidays.remove(date.toString()) && (!weekend || workingDays.contains(date.toString()))) {
            return;
        }
        if (weekend) {
            workingDays.add(date.toString());
        }
        ok(platform.put("/v1/admin/calendar/" + date.getYear(), platform.admin(), "{\"holidays\":" + quoted(holidays) + ",\"working_days\":"
                + quoted(workingDays) + "}"));
    }

    private static String quoted(List<String> dates) {
        return dates.stream().map(d -> "\"" + d + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static JsonNode await(PlatformProcess platform, String run, String status, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            JsonNode r = ok(platform.get("/v1/admin/settlement_runs/" + run, platform.admin()));
            if (r.path("status").asString().equals(status) || System.nanoTime() > deadline) {
                assertThat(r.path("status").asString()).as(r.toString()).isEqualTo(status);
                return r;
            }
            Thread.sleep(200);
        }
    }

    private static JsonNode ok(Answer answer) {
        assertThat(answer.status()).as(answer.json().toString()).isBetween(200, 202);
        return answer.json();
    }

    private interface Step<T> {
        T apply(int i) throws Exception;
    }

    /** {@code step(0..n-1)} from eight threads, as eight clients would; answers the results in order. */
    private static <T> List<T> inParallel(int n, Step<T> step) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(clients.submit((Callable<T>) () -> step.apply(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            clients.shutdownNow();
        }
    }

    /** A card number nobody used yet (valid Luhn digit), so that no card velocity rule sees a repeat. */
    private static String card() {
        StringBuilder n = new StringBuilder("424242");
        for (int i = 0; i < 9; i++) {
            n.append(ThreadLocalRandom.current().nextInt(10));
        }
        for (int check = 0; ; check++) {
            String candidate = n.toString() + check;
            int sum = 0;
            for (int i = 0; i < candidate.length(); i++) {
                int d = candidate.charAt(candidate.length() - 1 - i) - '0';
                sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
            }
            if (sum % 10 == 0) {
                return candidate;
            }
        }
    }
}
