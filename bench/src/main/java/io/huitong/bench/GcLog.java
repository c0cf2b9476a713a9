package io.huitong.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.huitong.bench.BenchSupport.*;

/**
 * The platform's GC log ({@code -Xlog:gc}, with wall-clock times): every collection names the heap used before and
 * after it. Heap use peaks just before a collection, so the largest "before" of the run is its peak, whatever the
 * sampling missed; the largest "after" is the most data the run kept alive.
 */
final class GcLog {

    record Summary(int collections, double peakBeforeMb, double peakAfterMb, double pausedMs) {
    }

    private static final Pattern LINE = Pattern.compile(
            "^\\[([^\\]]+)\\].*GC\\(\\d+\\) (Pause .*?) ([0-9]+)([KMG])->([0-9]+)([KMG])\\(([0-9]+)([KMG])\\)(?: ([0-9.]+)ms)?");
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    static Summary read(Path log, Instant from, Instant to) {
        int n = 0;
        double before = 0;
        double after = 0;
        double paused = 0;
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            return new Summary(0, 0, 0, 0);
        }
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            Instant at;
            try {
                at = java.time.OffsetDateTime.parse(m.group(1), TIME).toInstant();
            } catch (DateTimeParseException e) {
                continue;
            }
            if (at.isBefore(from) || at.isAfter(to)) {
                continue;
            }
            n++;
            before = Math.max(before, mb(m.group(3), m.group(4)));
            if (m.group(2).startsWith("Pause Young") || m.group(2).startsWith("Pause Full")) {
                // a remark or cleanup pause frees nothing: its "after" is no measure of what stays alive
                after = Math.max(after, mb(m.group(5), m.group(6)));
            }
            if (m.group(9) != null) {
                paused += Double.parseDouble(m.group(9));
            }
        }
        return new Summary(n, before, after, paused);
    }

    private static double mb(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }
}
