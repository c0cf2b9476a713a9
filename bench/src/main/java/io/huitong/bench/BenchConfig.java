package io.huitong.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's settings. Each one is read, first match wins, from a {@code --name=value} argument,
 * the system property {@code huitong.bench.name}, the environment variable {@code HUITONG_BENCH_NAME}
 * (upper case, dashes as underscores), or the default.
 */
record BenchConfig(String adminUrl, String user, String password, int threads, Duration duration, Duration warmup,
                   int batchSize, int accounts, int pgbenchScale, int pgbenchJobs, String pgbenchCommand,
                   boolean profile, List<String> scenarios, boolean hotAccountLimited) {

    static final List<String> NAMES = List.of("pg-url", "pg-user", "pg-password", "threads", "duration", "warmup",
            "batch", "accounts", "pgbench-scale", "pgbench-jobs", "pgbench", "profile", "scenarios", "hot-account");
    static final List<String> SCENARIOS = List.of("random-single", "random-batch", "hot-single", "hot-batch");

    static BenchConfig from(String[] args) {
        Lookup in = Lookup.parse(args, NAMES);
        BenchConfig config = new BenchConfig(
                in.text("pg-url", "jdbc:postgresql://127.0.0.1:5432/test"),
                in.text("pg-user", "postgres"),
                in.text("pg-password", ""),
                in.positive("threads", 16),
                in.seconds("duration", 20),
                in.seconds("warmup", 3),
                in.positive("batch", 100),
                in.positive("accounts", 10_000),
                in.positive("pgbench-scale", 16),
                in.positive("pgbench-jobs", 2),
                in.text("pgbench", "pgbench"),
                in.flag("profile"),
                in.list("scenarios", SCENARIOS),
                in.choice("hot-account", List.of("unlimited", "limited")).equals("limited"));
        if (config.accounts < 2) {
            throw new UsageException("--accounts must be at least 2");
        }
        if (config.duration.isZero()) {
            throw new UsageException("--duration must be at least 1 second");
        }
        return config;
    }

    static String usage() {
        return """
                usage: bench/ledger.sh [--name=value ...]
                  --pg-url=JDBC_URL      admin connection, used only to create and drop the bench databases
                                         (HUITONG_BENCH_PG_URL, default jdbc:postgresql://127.0.0.1:5432/test)
                  --pg-user=USER         (HUITONG_BENCH_PG_USER, default postgres)
                  --pg-password=SECRET   (HUITONG_BENCH_PG_PASSWORD, default empty)
                  --threads=N            concurrent writers, also pgbench's -c (HUITONG_BENCH_THREADS, default 16)
                  --duration=SECONDS     measured time per scenario and for pgbench (HUITONG_BENCH_DURATION, default 20)
                  --warmup=SECONDS       unmeasured time before each ledger scenario (HUITONG_BENCH_WARMUP, default 3)
                  --batch=N              transfers per call in the batched scenarios (HUITONG_BENCH_BATCH, default 100)
                  --accounts=N           accounts for the random-pairs scenarios (HUITONG_BENCH_ACCOUNTS, default 10000)
                  --pgbench-scale=N      pgbench -i -s (HUITONG_BENCH_PGBENCH_SCALE, default 16; keep it >= threads)
                  --pgbench-jobs=N       pgbench -j (HUITONG_BENCH_PGBENCH_JOBS, default 2)
                  --pgbench=PATH         the pgbench executable (HUITONG_BENCH_PGBENCH, default pgbench on the PATH)
                  --profile=true         also print where each run's time goes: JDBC round trips by statement,
                                         server wait events, WAL per transfer, CPU (HUITONG_BENCH_PROFILE)
                  --hot-account=KIND     unlimited: no balance limit, like a merchant's receivable or the fee account;
                                         limited: the hot account may not go negative, so every debit waits for the last
                                         (HUITONG_BENCH_HOT_ACCOUNT, default unlimited)
                  --scenarios=A,B        run only these of random-single, random-batch, hot-single, hot-batch
                                         (HUITONG_BENCH_SCENARIOS, default all four)
                """;
    }

    /** The JDBC URL of another database on the same server, with the admin URL's parameters kept. */
    String urlFor(String database) {
        String prefix = "jdbc:postgresql://";
        if (!adminUrl.startsWith(prefix)) {
            throw new UsageException("--pg-url must start with " + prefix + ": " + adminUrl);
        }
        int slash = adminUrl.indexOf('/', prefix.length());
        if (slash < 0) {
            throw new UsageException("--pg-url must name a database: " + adminUrl);
        }
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + database + (query >= 0 ? adminUrl.substring(query) : "");
    }

    /** The admin URL's host, for pgbench's -h. */
    String host() {
        String authority = authority();
        if (authority.startsWith("[")) {
            return authority.substring(1, authority.indexOf(']'));
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    /** The admin URL's port, for pgbench's -p. */
    String port() {
        String authority = authority();
        int bracket = authority.lastIndexOf(']');
        int colon = authority.lastIndexOf(':');
        return colon > bracket ? authority.substring(colon + 1) : "5432";
    }

    private String authority() {
        String rest = adminUrl.substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        if (authority.contains(",")) {
            throw new UsageException("--pg-url must name a single host for pgbench: " + adminUrl);
        }
        return authority.isEmpty() ? "localhost" : authority;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Options of a benchmark: {@code --name=value} arguments, else the system property
     * {@code huitong.bench.name}, else the variable {@code HUITONG_BENCH_NAME}, else the default.
     */
    record Lookup(Map<String, String> given) {

        /** Reads {@code --name=value} arguments, refusing names not in {@code names}; {@code --help} asks for the usage. */
        static Lookup parse(String[] args, List<String> names) {
            Map<String, String> given = new HashMap<>();
            for (String arg : args) {
                if (arg.equals("--help") || arg.equals("-h")) {
                    throw new UsageException(null);
                }
                if (!arg.startsWith("--") || arg.indexOf('=') < 0) {
                    throw new UsageException("unexpected argument: " + arg);
                }
                String name = arg.substring(2, arg.indexOf('='));
                if (!names.contains(name)) {
                    throw new UsageException("unknown option: --" + name);
                }
                given.put(name, arg.substring(arg.indexOf('=') + 1));
            }
            return new Lookup(given);
        }

        String text(String name, String fallback) {
            String v = given.get(name);
            if (v == null) {
                v = System.getProperty("huitong.bench." + name);
            }
            if (v == null || v.isBlank()) {
                v = System.getenv("HUITONG_BENCH_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
            }
            return v == null || v.isBlank() ? fallback : v;
        }

        String choice(String name, List<String> allowed) {
            String v = text(name, allowed.getFirst()).trim();
            if (!allowed.contains(v)) {
                throw new UsageException(name + " must be one of " + String.join(", ", allowed) + "; got " + v);
            }
            return v;
        }

        List<String> list(String name, List<String> allowed) {
            List<String> values = java.util.Arrays.stream(text(name, String.join(",", allowed)).split(","))
                    .map(String::trim).filter(v -> !v.isEmpty()).distinct().toList();
            for (String v : values) {
                if (!allowed.contains(v)) {
                    throw new UsageException(name + " must be some of " + String.join(", ", allowed) + "; got " + v);
                }
            }
            if (values.isEmpty()) {
                throw new UsageException(name + " must name at least one of " + String.join(", ", allowed));
            }
            return values;
        }

        boolean flag(String name) {
            return flag(name, false);
        }

        boolean flag(String name, boolean fallback) {
            String v = text(name, Boolean.toString(fallback)).trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "true", "yes", "1", "on" -> true;
                case "false", "no", "0", "off" -> false;
                default -> throw new UsageException(name + " must be true or false, got " + v);
            };
        }

        /** A whitespace-separated list, such as JVM options. */
        List<String> words(String name, String fallback) {
            return java.util.Arrays.stream(text(name, fallback).trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        }

        /** The PostgreSQL server of {@code --pg-url}, {@code --pg-user} and {@code --pg-password}, for a benchmark without pgbench. */
        BenchConfig postgres() {
            return postgres(1, Duration.ZERO, 1, 1, "pgbench");
        }

        /** The PostgreSQL server of {@code --pg-url}, {@code --pg-user} and {@code --pg-password}, and how pgbench runs on it. */
        BenchConfig postgres(int pgbenchClients, Duration duration, int pgbenchScale, int pgbenchJobs, String pgbench) {
            return new BenchConfig(text("pg-url", "jdbc:postgresql://127.0.0.1:5432/test"), text("pg-user", "postgres"),
                    text("pg-password", ""), pgbenchClients, duration, Duration.ZERO, 1, 2, pgbenchScale, pgbenchJobs, pgbench,
                    false, List.of(), false);
        }

        int positive(String name, int fallback) {
            String v = text(name, Integer.toString(fallback));
            try {
                int n = Integer.parseInt(v.trim());
                if (n < 1) {
                    throw new UsageException(name + " must be at least 1, got " + v);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new UsageException(name + " must be a whole number, got " + v);
            }
        }

        Duration seconds(String name, int fallback) {
            String v = text(name, Integer.toString(fallback)).trim();
            if (v.endsWith("s")) {
                v = v.substring(0, v.length() - 1);
            }
            try {
                int n = Integer.parseInt(v);
                if (n < 0) {
                    throw new UsageException(name + " must not be negative, got " + v);
                }
                return Duration.ofSeconds(n);
            } catch (NumberFormatException e) {
                throw new UsageException(name + " must be a whole number of seconds, got " + v);
            }
        }
    }
}
