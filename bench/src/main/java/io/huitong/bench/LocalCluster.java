package io.huitong.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A cluster that {@code ops/cluster.sh} runs for a benchmark: N platform nodes, the channel simulator and a private
 * nginx, in a state directory, on a database and ports of its own (so that two clusters of a run never share either).
 * Its processes are found by the pids ops/cluster.sh recorded, each checked against the mark on its command line
 * before it is measured or killed: other platforms may run on the same machine.
 */
final class LocalCluster implements AutoCloseable {

    private final Path root;
    private final Path state;
    private final Map<String, String> environment;
    private final Map<String, String> settings;
    private final int nodes;
    private boolean down;
    private final Thread onExit;

    private LocalCluster(Path root, Path state, Map<String, String> environment, Map<String, String> settings) {
        this.root = root;
        this.state = state;
        this.environment = environment;
        this.settings = settings;
        this.nodes = Integer.parseInt(settings.get("NODES"));
        // a benchmark stopped with Ctrl-C still stops its cluster and drops its database
        this.onExit = new Thread(this::down, "cluster-down");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /**
     * Starts {@code nodes} nodes with {@code ops/cluster.sh up} on database {@code database} and free ports; every entry
     * of {@code environment} goes to the script, and through it to every node (HUITONG_*), as it would from a shell. A
     * cluster that does not start (on a busy machine a node may give up on a slow first connection) is stopped, its
     * database dropped, and started once more on new ports.
     */
    static LocalCluster up(Path root, int nodes, String database, Map<String, String> environment) {
        String firstFailure = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                Path state = Files.createTempDirectory("huitong-cluster-bench");
                int base = freeBasePort(nodes);
                Map<String, String> env = new HashMap<>(environment);
                env.put("HUITONG_CLUSTER_DIR", state.toString());
                if (!env.containsKey("HUITONG_DB_URL")) {
                    // the database ops/cluster.sh would choose, but with 30 s for a connection to open and log in
                    // (the driver's loginTimeout; a node's check at start gives it 5 s): on a busy two-core machine,
                    // three nodes starting at once, or one restarted under load, can take longer, and a node that
                    // cannot connect at start gives up
                    env.put("HUITONG_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + database + "?connectTimeout=30&loginTimeout=30");
                    env.put("HUITONG_DB_USER", env.getOrDefault("HUITONG_DB_USER", "postgres"));
                }
                int status = script(root, env, state.resolve("up.log"), "up", "--nodes=" + nodes, "--base-port=" + base, "--db=" + database);
                if (status == 0) {
                    return new LocalCluster(root, state, env, readEnv(state.resolve("cluster.env")));
                }
                String log = Files.readString(state.resolve("up.log"));
                // what up started it stops itself; the database it created goes too
                script(root, env, state.resolve("down.log"), "down", "--drop");
                String failure = "ops/cluster.sh up --nodes=" + nodes + " failed (logs in " + state + "):\n" + log;
                if (firstFailure != null) {
                    throw new IllegalStateException(failure + "\nand the first time:\n" + firstFailure);
                }
                firstFailure = failure;
                System.out.printf(Locale.ROOT, "the cluster did not start (logs in %s); starting it once more%n", state);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start a cluster: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException(firstFailure);
    }

    int nodes() {
        return nodes;
    }

    Path state() {
        return state;
    }

    /** The load balancer's URL. */
    String url() {
        return settings.get("LB_URL");
    }

    String adminKey() {
        return settings.get("HUITONG_ADMIN_KEY");
    }

    String database() {
        String url = settings.get("HUITONG_DB_URL");
        String rest = url.substring(url.lastIndexOf('/') + 1);
        int query = rest.indexOf('?');
        return query < 0 ? rest : rest.substring(0, query);
    }

    /** Node {@code i}'s (from 1) own URL, past the load balancer. */
    String nodeUrl(int i) {
        return "http://127.0.0.1:" + (Integer.parseInt(settings.get("BASE_PORT")) + i);
    }

    /** The pid of node {@code i} (from 1), or -1 when it is not running. */
    long nodePid(int i) {
        Path dir = state.resolve("node-" + i);
        return ours(dir.resolve("pid"), "cluster.process=" + dir + " ");
    }

    long simulatorPid() {
        Path dir = state.resolve("simulator");
        return ours(dir.resolve("pid"), "cluster.process=" + dir + " ");
    }

    /** nginx's master and its workers; empty when it is not running. */
    List<Long> nginxPids() {
        long master = ours(state.resolve("nginx/nginx.pid"), state.resolve("nginx/nginx.conf").toString());
        List<Long> pids = new ArrayList<>();
        if (master < 0) {
            return pids;
        }
        pids.add(master);
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            dirs.map(d -> d.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit)).sorted()
                    .forEach(n -> {
                        try {
                            String stat = Files.readString(Path.of("/proc", n, "stat"));
                            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            if (Long.parseLong(f[1]) == master) {
                                pids.add(Long.parseLong(n));
                            }
                        } catch (IOException | RuntimeException e) {
                            // the process ended while the list was read
                        }
                    });
        } catch (IOException e) {
            // not Linux: the master only
        }
        return pids;
    }

    /** Kills node {@code i} (from 1) with SIGKILL, after checking the pid is still that node's; false when it was not running. */
    boolean kill(int i) {
        long pid = nodePid(i);
        if (pid < 0) {
            return false;
        }
        ProcessHandle node = ProcessHandle.of(pid).orElse(null);
        if (node == null) {
            return false;
        }
        node.destroyForcibly();
        try {
            node.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("node-" + i + " (pid " + pid + ") did not end after SIGKILL", e);
        }
        return true;
    }

    /** Starts node {@code i} again with {@code ops/cluster.sh start-node}, and waits until it is ready; false when it did not start. */
    boolean startNode(int i) {
        try {
            return script(root, environment, state.resolve("start-node-" + i + ".log"), "start-node", Integer.toString(i)) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the cluster and drops its database; its state directory (logs) is left when {@code keepLogs}. */
    synchronized void down(boolean keepLogs) {
        if (down) {
            return;
        }
        down = true;
        try {
            script(root, environment, state.resolve("down.log"), "down", "--drop");
            if (!keepLogs) {
                try (Stream<Path> files = Files.walk(state)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            System.err.println("stopping the cluster in " + state + " failed: " + e.getMessage() + " (ops/cluster.sh down --drop with"
                    + " HUITONG_CLUSTER_DIR=" + state + ")");
        }
    }

    private void down() {
        down(true);
    }

    @Override
    public void close() {
        down(false);
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    private static int script(Path root, Map<String, String> env, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("ops/cluster.sh").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    /** The pid in {@code file} when that process is alive and its command line holds {@code mark}; -1 otherwise. */
    private static long ours(Path file, String mark) {
        try {
            long pid = Long.parseLong(Files.readString(file).trim());
            String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ') + " ";
            return cmdline.contains(mark) ? pid : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), unquote(line.substring(eq + 1)));
            }
        }
        return env;
    }

    /** A value as bash's printf %q wrote it: backslash escapes, or '' for the empty string. */
    private static String unquote(String v) {
        if (v.equals("''")) {
            return "";
        }
        StringBuilder out = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                c = v.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A base port P such that P, P+1..P+nodes and P+50..P+52 (what ops/cluster.sh takes) are all free. */
    private static int freeBasePort(int nodes) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(400) * 100;
            List<Integer> ports = new ArrayList<>(List.of(base, base + 50, base + 51, base + 52));
            for (int i = 1; i <= nodes; i++) {
                ports.add(base + i);
            }
            if (ports.stream().noneMatch(LocalCluster::listening)) {
                return base;
            }
        }
        throw new IllegalStateException("no free ports for a cluster of " + nodes + " nodes");
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** For the report: "node-1 1234, node-2 1240, simulator 1200, nginx 1300+1301". */
    String describe() {
        List<String> parts = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            parts.add("node-" + i + " " + nodePid(i));
        }
        parts.add("simulator " + simulatorPid());
        parts.add("nginx " + String.join("+", nginxPids().stream().map(String::valueOf).toList()));
        return String.format(Locale.ROOT, "%s", String.join(", ", parts));
    }
}
