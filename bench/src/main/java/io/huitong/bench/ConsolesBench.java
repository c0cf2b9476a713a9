package io.huitong.bench;

import io.huitong.bench.BenchConfig.UsageException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The merchant dashboard's reads on a large merchant ({@code bench/consoles.sh}): the platform
 * ({@code app/target/huitong.jar}) on a scratch PostgreSQL database, one merchant onboarded through the operator API,
 * {@code --payments} payments of it spread over {@code --days} days written with SQL ({@link ConsolesData}), the
 * overview's rollup caught up by an operator's {@code POST /v1/admin/insights/rollup}, then {@code --requests}
 * sequential requests (after {@code --warmup} unmeasured ones) of {@code GET /v1/insights/overview} for each period and
 * of {@code GET /v1/payments?limit=20}: the first page, filtered pages, and a deep page through {@code starting_after}.
 * Goals: p99 at most 300 ms for an overview, 200 ms for a list page.
 */
public final class ConsolesBench {

    private static final List<String> NAMES = List.of("pg-url", "pg-user", "pg-password", "payments", "days", "requests", "warmup", "jar",
            "platform-opts", "keep-database");
    static final double OVERVIEW_GOAL_MS = 300;
    static final double LIST_GOAL_MS = 200;

    record Config(BenchConfig pg, int payments, int days, int requests, int warmup, Path jar, List<String> platformOpts, boolean keepDatabase) {
    }

    record Row(String label, double goalMs, long[] nanos) {
    }

    public static void main(String[] args) {
        BenchMain.exit("bench/consoles.sh", "consoles", usage(), () -> new ConsolesBench(parse(args)).run());
    }

    static String usage() {
        return """
                usage: bench/consoles.sh [--name=value ...]
                  --payments=N           payments of the one merchant (HUITONG_BENCH_PAYMENTS, default 1000000)
                  --days=N               days up to now they are spread over (HUITONG_BENCH_DAYS, default 30)
                  --requests=N           measured requests of each endpoint, one after the other (HUITONG_BENCH_REQUESTS, default 50)
                  --warmup=N             unmeasured requests of each endpoint before (HUITONG_BENCH_WARMUP, default 20)
                  --pg-url=JDBC_URL      a database on the server to use; the scratch database is created next to it
                                         (HUITONG_BENCH_PG_URL, default jdbc:postgresql://127.0.0.1:5432/test)
                  --pg-user=USER         (HUITONG_BENCH_PG_USER, default postgres)
                  --pg-password=SECRET   (HUITONG_BENCH_PG_PASSWORD, default empty)
                  --jar=PATH             the platform (default app/target/huitong.jar)
                  --platform-opts=OPTS   JVM options of the platform (HUITONG_BENCH_PLATFORM_OPTS, default -Xmx1g -XX:MaxGCPauseMillis=20)
                  --keep-database=BOOL   leave the scratch database and the platform's data dir for a closer look
                                         (HUITONG_BENCH_KEEP_DATABASE, default false)
                """;
    }

    static Config parse(String[] args) {
        BenchConfig.Lookup in = BenchConfig.Lookup.parse(args, NAMES);
        BenchConfig pg = in.postgres();
        pg.urlFor("x"); // refuses a URL that is not PostgreSQL's
        int requests = in.positive("requests", 50);
        if (requests < 2) {
            throw new UsageException("--requests must be at least 2");
        }
        return new Config(pg, in.positive("payments", 1_000_000), in.positive("days", 30), requests,
                Integer.parseInt(in.text("warmup", "20").trim()), Path.of(in.text("jar", "app/target/huitong.jar")),
                in.words("platform-opts", "-Xmx1g -XX:MaxGCPauseMillis=20"), in.flag("keep-database"));
    }

    private final Config config;
    private final Scratch scratch;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private ConsolesBench(Config config) {
        this.config = config;
        this.scratch = new Scratch(config.pg());
    }

    private int run() {
        if (!Files.isRegularFile(config.jar())) {
            throw new IllegalStateException("no platform at " + config.jar() + "; build it with ./huitong build");
        }
        System.out.printf(Locale.ROOT, "Huitong merchant dashboard benchmark%n");
        System.out.printf(Locale.ROOT, "  database    PostgreSQL %s at %s%n", scratch.serverVersion(), config.pg().adminUrl());
        System.out.printf(Locale.ROOT, "  data        %,d payments of one merchant over %d days, written with SQL%n", config.payments(), config.days());
        System.out.printf(Locale.ROOT, "  requests    %d measured (after %d unmeasured) of each, one at a time; client Java %s, %d CPUs;"
                + " load average %s%n%n", config.requests(), config.warmup(), Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Latencies.loadAverage());
        String database = scratch.create("huitong_consoles");
        BenchPlatform platform = null;
        boolean failed = true;
        try {
            platform = BenchPlatform.start(config.pg(), config.jar(), config.platformOpts(), database, "huitong-consoles-bench", List.of());
            int status = print(measure(platform, database));
            failed = false;
            return status;
        } finally {
            if (platform != null) {
                platform.stop(config.keepDatabase() || failed);
            }
            if (config.keepDatabase()) {
                scratch.keep(database);
                System.out.println("kept database " + database + (platform == null ? "" : " and data dir " + platform.dataDir()));
            } else {
                scratch.drop(database);
            }
        }
    }

    private List<Row> measure(BenchPlatform platform, String database) {
        long t0 = System.nanoTime();
        String created = platform.post(http, "/v1/admin/merchants", "{\"name\":\"汇通茶庄 Dashboard\",\"email\":\"ops@dashboard.example\","
                + "\"default_currency\":\"CNY\"}", 201);
        String merchant = field(created, "id");
        String key = field(created, "secret_key");
        String deep;
        try (Connection c = DriverManager.getConnection(config.pg().urlFor(database), config.pg().user(), config.pg().password())) {
            int refunds = ConsolesData.load(c, merchant, config.payments(), config.days());
            System.out.printf(Locale.ROOT, "wrote %,d payments and %,d refunds in %.1f s%n", config.payments(), refunds, BenchSupport.seconds(t0));
            deep = deepCursor(c, merchant, config.payments() / 2);
        } catch (SQLException e) {
            throw new IllegalStateException("writing the payments failed: " + e.getMessage(), e);
        }
        long t1 = System.nanoTime();
        String pass = platform.post(http, "/v1/admin/insights/rollup", "{}", 200);
        System.out.printf(Locale.ROOT, "rollup caught up in %.1f s: %s merchant hours rolled, rolled until %s%n", BenchSupport.seconds(t1),
                field(pass, "hours_rolled"), field(pass, "rolled_until"));
        agree(platform, database, merchant, key);

        List<String[]> endpoints = List.of(
                new String[] {"overview today", "/v1/insights/overview?period=today"},
                new String[] {"overview yesterday", "/v1/insights/overview?period=yesterday"},
                new String[] {"overview 7d", "/v1/insights/overview?period=7d"},
                new String[] {"overview 30d", "/v1/insights/overview?period=30d"},
                new String[] {"list first page", "/v1/payments?limit=20"},
                new String[] {"list status+method", "/v1/payments?limit=20&status=succeeded&method=qr"},
                new String[] {"list card_last4", "/v1/payments?limit=20&card_last4=4242"},
                new String[] {"list amount+created", "/v1/payments?limit=20&amount_gte=150000&created_gte="
                        + java.time.Instant.now().minus(Duration.ofDays(3)).toString()},
                new String[] {"list deep page", "/v1/payments?limit=20&starting_after=" + deep});
        List<Row> rows = new ArrayList<>();
        for (String[] e : endpoints) {
            for (int i = 0; i < config.warmup(); i++) {
                get(platform.base(), e[1], key);
            }
            long[] nanos = new long[config.requests()];
            for (int i = 0; i < nanos.length; i++) {
                long s = System.nanoTime();
                get(platform.base(), e[1], key);
                nanos[i] = System.nanoTime() - s;
            }
            rows.add(new Row(e[0] + "  " + e[1].replaceAll("created_gte=[^&]+", "created_gte=<3 days ago>")
                    .replaceAll("starting_after=[^&]+", "starting_after=<" + (config.payments() / 2) + "th>"),
                    e[0].startsWith("overview") ? OVERVIEW_GOAL_MS : LIST_GOAL_MS, nanos));
        }
        return rows;
    }

    /**
     * The 30 days' overview (rollup and live part) against the payment table counted directly: attempted, succeeded and
     * refunded must be the same.
     */
    private void agree(BenchPlatform platform, String database, String merchant, String key) {
        String overview = get(platform.base(), "/v1/insights/overview?period=30d", key);
        long attempted = Long.parseLong(field(overview, "attempted"));
        long succeeded = Long.parseLong(field(overview, "succeeded_amount"));
        long refunded = Long.parseLong(field(overview, "refunded_amount"));
        String start = field(overview, "start");
        String asOf = field(overview, "as_of");
        try (Connection c = DriverManager.getConnection(config.pg().urlFor(database), config.pg().user(), config.pg().password());
             PreparedStatement p = c.prepareStatement("select count(*), coalesce(sum(case when status = 'succeeded' then amount_received"
                     + " else 0 end), 0), coalesce(sum(amount_refunded), 0) from payment where merchant_id = ? and created_at >= ?::timestamptz"
                     + " and created_at < ?::timestamptz")) {
            p.setString(1, merchant);
            p.setString(2, start);
            p.setString(3, asOf);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                boolean same = rs.getLong(1) == attempted && rs.getLong(2) == succeeded && rs.getLong(3) == refunded;
                System.out.printf(Locale.ROOT, "overview 30d: %,d attempted, %,d succeeded, %,d refunded (minor units); the payment table: %,d,"
                        + " %,d, %,d: %s%n%n", attempted, succeeded, refunded, rs.getLong(1), rs.getLong(2), rs.getLong(3), same ? "the same" : "DIFFERENT");
                if (!same) {
                    throw new IllegalStateException("the overview does not agree with the payment table");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting the payments failed: " + e.getMessage(), e);
        }
    }

    /** The id of the merchant's {@code n}-th newest payment. */
    private static String deepCursor(Connection c, String merchant, int n) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select id from payment where merchant_id = ? order by id desc offset ? limit 1")) {
            p.setString(1, merchant);
            p.setInt(2, n);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private String get(String base, String path, String key) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key)
                    .timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int print(List<Row> rows) {
        boolean met = true;
        System.out.printf(Locale.ROOT, "%-92s %5s %8s %8s %8s %8s %5s%n", "request", "n", "p50 ms", "p95 ms", "p99 ms", "goal ms", "met");
        for (Row r : rows) {
            long[] sorted = r.nanos().clone();
            Arrays.sort(sorted);
            double p50 = Latencies.pct(sorted, 0.50) / 1e3;
            double p95 = Latencies.pct(sorted, 0.95) / 1e3;
            double p99 = Latencies.pct(sorted, 0.99) / 1e3;
            boolean ok = p99 <= r.goalMs();
            met &= ok;
            System.out.printf(Locale.ROOT, "%-92s %5d %8.1f %8.1f %8.1f %8.0f %5s%n", r.label(), sorted.length, p50, p95, p99, r.goalMs(),
                    ok ? "yes" : "NO");
        }
        System.out.printf(Locale.ROOT, "%ngoals (p99): overview <= %.0f ms, list page <= %.0f ms: %s (load average now %s)%n", OVERVIEW_GOAL_MS,
                LIST_GOAL_MS, met ? "met" : "NOT met", Latencies.loadAverage());
        return met ? 0 : 3;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
