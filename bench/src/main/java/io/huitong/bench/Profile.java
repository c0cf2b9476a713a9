package io.huitong.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Where a run's time goes. Always: CPU use of the machine, of PostgreSQL, of the client, and of any
 * other process (a run that shares the machine is flagged), and WAL written. With
 * {@code --profile=true} also the client-side time of every JDBC round trip by statement (through a
 * timing proxy around the pool) and what the server's backends were doing (sampled from
 * {@code pg_stat_activity}).
 */
final class Profile {

    private final String url;
    private final String user;
    private final String password;
    private volatile String database;
    private volatile Map<String, Stat> sql = new ConcurrentHashMap<>();
    private volatile Map<String, LongAdder> waits = new ConcurrentHashMap<>();
    private final LongAdder samples = new LongAdder();
    private volatile boolean sampling;
    private Thread sampler;
    private long walBytes;
    private long walRecords;
    private long jvmCpuNanos;
    private long[] machineCpu;
    private long serverCpuTicks;
    private long childCpuTicks;
    private Map<Long, Long> otherTicks;
    private long[] watched = new long[0];
    private long watchedTicks;
    private long[] watchedEach = new long[0];
    private long startedNanos;

    /** {@code url} is the admin connection: WAL statistics and pg_stat_activity are server-wide. */
    private final boolean detailed;

    Profile(String url, String user, String password, boolean detailed) {
        this.detailed = detailed;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    private static final class Stat {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAdder rows = new LongAdder();
    }

    /** Starts counting for one run against {@code database}. */
    void start(String database) {
        start(database, new long[0]);
    }

    /**
     * Starts counting for one run against {@code database}, also counting the CPU of the processes {@code watched}
     * (by pid: a server the benchmark started, such as the platform) apart from the other processes.
     */
    void start(String database, long... watched) {
        this.database = database;
        this.watched = watched.clone();
        sql = new ConcurrentHashMap<>();
        waits = new ConcurrentHashMap<>();
        samples.reset();
        long[] wal = wal();
        walBytes = wal[0];
        walRecords = wal[1];
        jvmCpuNanos = processCpuNanos();
        machineCpu = machineCpu();
        serverCpuTicks = serverCpuTicks();
        childCpuTicks = childCpuTicks();
        watchedTicks = processTicks(this.watched);
        watchedEach = new long[this.watched.length];
        for (int i = 0; i < this.watched.length; i++) {
            watchedEach[i] = processTicks(this.watched[i]);
        }
        otherTicks = otherProcessTicks(this.watched);
        startedNanos = System.nanoTime();
        if (detailed) {
            sampling = true;
            sampler = Thread.ofPlatform().daemon().name("bench-wait-sampler").start(this::sample);
        }
    }

    /**
     * CPU times in milliseconds; server is every local postgres process, child is what the JVM's children (pgbench) used,
     * watched what the processes given to {@link #start(String, long...)} used (0 without any; NaN when one could not be read),
     * watchedEach the same for each of them by pid (NaN for one that could not be read, such as one that exited).
     */
    record Snapshot(double seconds, long walBytes, long walRecords, double jvmCpuPercent, double machineBusyPercent,
                    double interruptPercent, double stealPercent, Map<String, Double> othersPercent,
                    double jvmCpuMs, double serverCpuMs, double childCpuMs, double watchedCpuMs,
                    Map<String, Stat> sql, Map<String, Long> waits, long samples, Map<Long, Double> watchedEach) {

        /** CPU milliseconds the watched process {@code pid} used over the window; NaN when it was not watched or could not be read. */
        double watchedCpuMs(long pid) {
            return watchedEach.getOrDefault(pid, Double.NaN);
        }

        /** Busy CPU that neither PostgreSQL, the client, the watched processes, interrupts nor the hypervisor account for, in % of the machine. */
        double unexplainedPercent(boolean pgbench) {
            double all = seconds * 1000 * Runtime.getRuntime().availableProcessors();
            double client = (pgbench ? childCpuMs + jvmCpuMs : jvmCpuMs) + (Double.isNaN(watchedCpuMs) ? 0 : watchedCpuMs);
            return machineBusyPercent - interruptPercent - stealPercent - 100 * (serverCpuMs + client) / all;
        }

        /**
         * Whether something else shared the machine: other processes used CPU and the machine's busy time
         * is not accounted for by the run itself (a reaped child's CPU lands on its parent all at once, so
         * either signal alone can mislead).
         */
        boolean shared(boolean pgbench) {
            double others = othersPercent.values().stream().mapToDouble(Double::doubleValue).sum();
            return others >= 5 && unexplainedPercent(pgbench) >= 5;
        }

        /** For example "about 35% of the machine; java 37%, process_api 12%". */
        String others(boolean pgbench) {
            return String.format(Locale.ROOT, "about %.0f%% of the machine; ", unexplainedPercent(pgbench))
                    + String.join(", ", othersPercent.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), e.getValue())).toList());
        }
    }

    Snapshot stop() {
        sampling = false;
        if (sampler != null) {
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sampler = null;
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        long[] wal = wal();
        long[] cpu = machineCpu();
        double machineBusy = Double.NaN;
        double interrupts = Double.NaN;
        double steal = Double.NaN;
        if (machineCpu != null && cpu != null) {
            double total = cpu[0] - machineCpu[0];
            machineBusy = total <= 0 ? Double.NaN : 100.0 * (1 - (cpu[1] - machineCpu[1]) / total);
            interrupts = total <= 0 ? Double.NaN : 100.0 * (cpu[2] - machineCpu[2]) / total;
            steal = total <= 0 ? Double.NaN : 100.0 * (cpu[3] - machineCpu[3]) / total;
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        double jvmMs = (processCpuNanos() - jvmCpuNanos) / 1e6;
        double jvm = 100.0 * jvmMs * 1e6 / (seconds * 1e9 * cpus);
        long server = serverCpuTicks();
        double serverMs = server < 0 || serverCpuTicks < 0 ? Double.NaN : (server - serverCpuTicks) * 10.0;
        double childMs = (childCpuTicks() - childCpuTicks) * 10.0;
        long watchedNow = processTicks(watched);
        double watchedMs = watched.length == 0 ? 0 : watchedNow < 0 || watchedTicks < 0 ? Double.NaN : (watchedNow - watchedTicks) * 10.0;
        Map<Long, Double> each = new java.util.LinkedHashMap<>();
        for (int i = 0; i < watched.length; i++) {
            long now = processTicks(watched[i]);
            each.put(watched[i], now < 0 || watchedEach[i] < 0 ? Double.NaN : (now - watchedEach[i]) * 10.0);
        }
        Map<String, Long> w = new ConcurrentHashMap<>();
        waits.forEach((k, v) -> w.put(k, v.sum()));
        return new Snapshot(seconds, wal[0] - walBytes, wal[1] - walRecords, jvm, machineBusy, interrupts, steal, others(otherTicks, watched, cpus, seconds), jvmMs, serverMs, childMs,
                watchedMs, sql, w, samples.sum(), each);
    }

    boolean detailed() {
        return detailed;
    }

    static void print(String title, Snapshot s, long transfers, long calls, double callNanosTotal) {
        double all = s.seconds() * 1000 * Runtime.getRuntime().availableProcessors();
        double client = calls > 0 ? s.jvmCpuMs() : s.childCpuMs() + s.jvmCpuMs();
        System.out.printf(Locale.ROOT, "  profile of %s: %.1f s; CPU busy %.0f%% of the machine: PostgreSQL %.0f%%, client %.0f%%,"
                        + " kernel interrupts (loopback networking) %.0f%%, hypervisor steal %.0f%%%n", title, s.seconds(),
                s.machineBusyPercent(), 100 * s.serverCpuMs() / all, 100 * client / all, s.interruptPercent(), s.stealPercent());
        if (s.shared(calls == 0)) {
            System.out.printf(Locale.ROOT, "    OTHER PROCESSES used CPU during this run (the numbers are skewed): %s%n", s.others(calls == 0));
        }
        if (transfers > 0) {
            System.out.printf(Locale.ROOT, "    per transfer: WAL %.0f bytes in %.1f records; CPU %.3f ms in PostgreSQL, %.3f ms in the client (%s)%n",
                    (double) s.walBytes() / transfers, (double) s.walRecords() / transfers, s.serverCpuMs() / transfers,
                    (calls > 0 ? s.jvmCpuMs() : s.childCpuMs()) / transfers, calls > 0 ? "this JVM" : "pgbench");
        }
        if (!s.sql().isEmpty() && calls > 0) {
            System.out.printf(Locale.ROOT, "    JDBC round trips per call (client-side time, %% of summed call latency):%n");
            List<Map.Entry<String, Stat>> rows = new ArrayList<>(s.sql().entrySet());
            rows.sort(Comparator.comparingLong((Map.Entry<String, Stat> e) -> e.getValue().nanos.sum()).reversed());
            double covered = 0;
            for (Map.Entry<String, Stat> e : rows) {
                Stat st = e.getValue();
                long n = st.count.sum();
                double nanos = st.nanos.sum();
                covered += nanos;
                System.out.printf(Locale.ROOT, "      %6.2f x %8.3f ms  %5.1f%%  %s%s%n", (double) n / calls, nanos / n / 1e6,
                        100 * nanos / callNanosTotal, e.getKey(),
                        st.rows.sum() > 0 ? String.format(Locale.ROOT, "  [%.1f rows each]", (double) st.rows.sum() / n) : "");
            }
            System.out.printf(Locale.ROOT, "      %21s  %5.1f%%  outside JDBC (Java, Spring, pool)%n", "",
                    100 * (callNanosTotal - covered) / callNanosTotal);
        }
        if (s.samples() > 0) {
            System.out.printf(Locale.ROOT, "    server backends (%d samples of pg_stat_activity; average backends in each state):%n", s.samples());
            s.waits().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> System.out.printf(Locale.ROOT, "      %6.2f  %s%n", (double) e.getValue() / s.samples(), e.getKey()));
        }
    }

    private void sample() {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement ps = c.prepareStatement("select state, wait_event_type, wait_event, count(*) from pg_stat_activity"
                     + " where datname = ? and pid <> pg_backend_pid() and backend_type = 'client backend' group by 1, 2, 3")) {
            ps.setString(1, database);
            while (sampling) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String state = rs.getString(1);
                        String type = rs.getString(2);
                        String event = rs.getString(3);
                        String key = state + (type == null ? " (on CPU)" : " / " + type + ":" + event);
                        waits.computeIfAbsent(key, k -> new LongAdder()).add(rs.getLong(4));
                    }
                }
                samples.increment();
                Thread.sleep(10);
            }
        } catch (SQLException e) {
            System.err.println("wait sampling stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long[] wal() {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select wal_bytes, wal_records from pg_stat_wal")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        } catch (SQLException e) {
            return new long[] {0, 0};
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /**
     * CPU ticks of the local PostgreSQL server: every live postgres process, plus what the postmaster
     * collected from backends that already exited. -1 when there is no local server to see.
     */
    private static long serverCpuTicks() {
        Map<Long, String[]> postgres = new java.util.HashMap<>();
        processes().forEach((pid, f) -> {
            if (f[0].startsWith("postgres")) {
                postgres.put(pid, f);
            }
        });
        long total = 0;
        for (String[] f : postgres.values()) {
            total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (!postgres.containsKey(Long.parseLong(f[1]))) {
                total += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
        }
        return postgres.isEmpty() ? -1 : total;
    }

    /**
     * CPU ticks (user and system) the processes {@code pids} used so far, from /proc/PID/stat; -1 when one of them
     * cannot be read (not Linux, or it exited).
     */
    static long processTicks(long... pids) {
        long total = 0;
        for (long pid : pids) {
            String[] f = stat(Path.of("/proc/" + pid + "/stat"));
            if (f == null) {
                return -1;
            }
            total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
        return total;
    }

    /** The pids of the live processes whose command is {@code command} (as /proc/PID/stat names it), in pid order. */
    static List<Long> pidsOf(String command) {
        List<Long> pids = new java.util.ArrayList<>();
        processes().forEach((pid, f) -> {
            if (f[0].equals(command)) {
                pids.add(pid);
            }
        });
        pids.sort(null);
        return pids;
    }

    /** Every live process's /proc/PID/stat fields ({@link #stat}), by pid; empty off Linux. */
    private static Map<Long, String[]> processes() {
        Map<Long, String[]> out = new java.util.HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    String[] f = stat(dir.resolve("stat"));
                    if (f != null) {
                        out.put(Long.parseLong(name), f);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: none
        }
        return out;
    }

    /** CPU ticks (own and of reaped children) of every process but PostgreSQL's, this JVM's and the watched ones, by pid. */
    private static Map<Long, Long> otherProcessTicks(long[] watched) {
        Map<Long, Long> out = new java.util.HashMap<>();
        long self = ProcessHandle.current().pid();
        processes().forEach((pid, f) -> {
            if (pid != self && java.util.Arrays.stream(watched).noneMatch(w -> w == pid) && !f[0].startsWith("postgres")) {
                out.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]));
            }
        });
        return out;
    }

    /** Processes other than the benchmark's that used at least 1% of the machine since {@code before}, by command. */
    private static Map<String, Double> others(Map<Long, Long> before, long[] watched, int cpus, double seconds) {
        Map<String, Double> out = new java.util.TreeMap<>();
        if (before == null) {
            return out;
        }
        for (Map.Entry<Long, Long> e : otherProcessTicks(watched).entrySet()) {
            long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (delta > 0) {
                String[] f = stat(Path.of("/proc/" + e.getKey() + "/stat"));
                String command = f == null ? "pid " + e.getKey() : f[0];
                out.merge(command, 100.0 * delta / 100.0 / (seconds * cpus), Double::sum);
            }
        }
        out.values().removeIf(v -> v < 1);
        return out;
    }

    /** CPU ticks of this JVM's exited children (pgbench), from /proc/self/stat. */
    private static long childCpuTicks() {
        String[] f = stat(Path.of("/proc/self/stat"));
        return f == null ? 0 : Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /**
     * /proc/PID/stat without the pid and the state: [0] is the command, and [n] is field n + 3 of
     * proc(5) — so [1] is the parent pid, [11] utime, [12] stime, [13] cutime, [14] cstime.
     */
    static String[] stat(Path file) {
        try {
            String line = Files.readString(file);
            int close = line.lastIndexOf(')');
            String[] fields = line.substring(close + 2).split(" "); // fields[0] is the state, field 3
            fields[0] = line.substring(line.indexOf('(') + 1, close);
            return fields;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Total, idle (idle + iowait) and interrupt (irq + softirq: loopback networking) jiffies from /proc/stat, or null off Linux. */
    private static long[] machineCpu() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5]), Long.parseLong(f[6]) + Long.parseLong(f[7]),
                    f.length > 8 ? Long.parseLong(f[8]) : 0};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A DataSource whose connections time every statement execution, commit and rollback. */
    DataSource timing(DataSource target) {
        return proxy(DataSource.class, target, (method, args, call) -> {
            if (method.getName().equals("getConnection")) {
                Connection c = (Connection) timed("pool: getConnection", 0, call);
                return timingConnection(c);
            }
            return call.invoke();
        });
    }

    private Connection timingConnection(Connection target) {
        return proxy(Connection.class, target, (method, args, call) -> switch (method.getName()) {
            case "prepareStatement" -> timingStatement(PreparedStatement.class, (Statement) call.invoke(), label((String) args[0]));
            case "createStatement" -> timingStatement(Statement.class, (Statement) call.invoke(), null);
            case "commit", "rollback" -> timed(method.getName(), 0, call);
            case "setAutoCommit" -> timed("setAutoCommit(" + args[0] + ")", 0, call);
            default -> call.invoke();
        });
    }

    private <S extends Statement> S timingStatement(Class<S> type, Statement target, String label) {
        int[] batched = new int[1];
        return proxy(type, type.cast(target), (method, args, call) -> {
            String name = method.getName();
            if (name.equals("addBatch")) {
                batched[0]++;
                return call.invoke();
            }
            if (name.startsWith("execute")) {
                String what = label != null ? label : args != null && args.length > 0 && args[0] instanceof String s ? label(s) : name;
                int rows = batched[0];
                batched[0] = 0;
                return timed(name.equals("executeBatch") ? "batch " + what : what, rows, call);
            }
            return call.invoke();
        });
    }

    private Object timed(String label, int rows, Call call) throws Throwable {
        long started = System.nanoTime();
        try {
            return call.invoke();
        } catch (SQLException e) {
            sql.computeIfAbsent("FAILED with SQL state " + e.getSQLState() + ": " + label, k -> new Stat()).count.increment();
            throw e;
        } finally {
            Stat st = sql.computeIfAbsent(label, k -> new Stat());
            st.count.increment();
            st.nanos.add(System.nanoTime() - started);
            st.rows.add(rows);
        }
    }

    private static final Map<String, String> LABELS = new ConcurrentHashMap<>();

    static String label(String sql) {
        return LABELS.computeIfAbsent(sql, Profile::shorten);
    }

    private static String shorten(String sql) {
        String s = sql.replaceAll("\\s+", " ").trim();
        int from = s.indexOf(" from ");
        if (s.startsWith("select ") && from > 0 && !s.startsWith("select count")) {
            s = "select … " + s.substring(from + 1);
        }
        int values = s.indexOf(" (");
        if (s.startsWith("insert into ") && values > 0) {
            s = s.substring(0, values) + " …";
        }
        return s.length() > 90 ? s.substring(0, 90) + "…" : s;
    }

    interface Call {
        Object invoke() throws Throwable;
    }

    interface Interceptor {
        Object intercept(Method method, Object[] args, Call call) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Interceptor interceptor) {
        InvocationHandler handler = (p, method, args) -> switch (method.getName()) {
            case "equals" -> args[0] == p;
            case "hashCode" -> System.identityHashCode(p);
            case "toString" -> "timing " + target;
            default -> interceptor.intercept(method, args, () -> {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        };
        return type.cast(Proxy.newProxyInstance(Profile.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
