package io.huitong.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmarks that start the platform share: reading a field of its JSON answers, its ledger check's verdict,
 * an answer compacted for a message, elapsed seconds, the machine's load average, and a diagnostic command to its JVM.
 */
final class BenchSupport {

    private BenchSupport() {
    }

    /** The ledger check's verdict (the API answers {"balanced":true,...}). */
    static boolean balanced(String check) {
        return check.replaceAll("\\s+", "").contains("\"balanced\":true");
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no \"" + name + "\" in " + compact(json));
        }
        return m.group(1);
    }

    static String compact(String body) {
        String s = body.replaceAll("\\s+", " ");
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A diagnostic command to the platform's JVM, with the jcmd of the JDK this runs on. */
    static void jcmd(BenchPlatform platform, String... command) {
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        args.add(Long.toString(platform.process().pid()));
        args.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0 || out.contains("Could not") || out.contains("Exception")) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + compact(out));
            }
        } catch (IOException e) {
            throw new IllegalStateException("jcmd could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
