package io.huitong.bench;

import io.huitong.bench.ReconciliationData.Fault;
import io.huitong.bench.ReconciliationData.Planted;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What matching found, against what was planted, read as an operator reads it: every class's breaks paged through
 * {@code GET /v1/admin/reconciliations/{id}/breaks?class=} (100 at a time), and the reconciliation's counts. Each
 * planted fault must be there exactly once, in its class, with the amounts planted; nothing else may be flagged, and
 * nothing may be paired otherwise than by our reference ({@code class=matched} lists such pairs); the counts must be
 * the lists' lengths, and {@code matched} every payment whose line was neither dropped, changed nor reported failed.
 *
 * @param found      per kind of fault, how many were found as planted
 * @param byClass    per class, the breaks listed
 * @param problems   what is wrong, empty when nothing is
 */
record ReconciliationChecks(Map<Fault, Long> planted, Map<Fault, Long> found, Map<String, Long> byClass, long matched,
                            long expectedMatched, List<String> problems) {

    static final List<String> CLASSES = List.of("missing_in_ledger", "missing_in_channel", "amount_mismatch", "status_mismatch",
            "currency_mismatch", "duplicate", "timing");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PAGE = 100;
    /** Examples of each problem shown, at most. */
    private static final int SHOWN = 3;

    static JsonNode parse(String body) {
        return JSON.readTree(body);
    }

    static ReconciliationChecks of(BenchPlatform platform, HttpClient http, String id, JsonNode reconciliation, List<Planted> planted,
                                   long payments) {
        Map<String, Planted> expected = new HashMap<>();
        Map<Fault, Long> plantedByKind = new EnumMap<>(Fault.class);
        for (Planted p : planted) {
            if (expected.put(p.reference(), p) != null) {
                throw new IllegalStateException("two faults planted on " + p.reference());
            }
            plantedByKind.merge(p.fault(), 1L, Long::sum);
        }
        Map<Fault, Long> found = new EnumMap<>(Fault.class);
        Map<String, Long> byClass = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        List<String> classes = new ArrayList<>(CLASSES);
        classes.add("matched");
        for (String breakClass : classes) {
            long listed = 0;
            for (JsonNode b : breaks(platform, http, id, breakClass)) {
                listed++;
                String reference = b.get("reference").asString();
                Planted p = expected.get(reference);
                if (breakClass.equals("matched")) {
                    problem(problems, "paired otherwise than by our reference (" + b.get("matched_by").asString() + ")", reference);
                } else if (p == null || !p.fault().classes.contains(breakClass)) {
                    problem(problems, "flagged " + breakClass + (p == null ? " where nothing was planted" : " where the fault planted is"
                            + " another (" + p.fault().label + ")"), reference);
                } else if (!seen.add(reference)) {
                    problem(problems, "found more than once", reference);
                } else if (!Objects.equals(amount(b, "our_amount"), p.ourAmount()) || !Objects.equals(amount(b, "channel_amount"), p.channelAmount())) {
                    problem(problems, "found with other amounts than planted", reference + " (ours " + amount(b, "our_amount") + ", the channel's "
                            + amount(b, "channel_amount") + "; planted " + p.ourAmount() + ", " + p.channelAmount() + ")");
                } else {
                    found.merge(p.fault(), 1L, Long::sum);
                }
            }
            byClass.put(breakClass, listed);
            long counted = breakClass.equals("matched") ? -1 : reconciliation.get("counts").get(breakClass).asLong();
            if (counted >= 0 && counted != listed) {
                problem(problems, "counts." + breakClass + " is not the length of its list", counted + " counted, " + listed + " listed");
            }
        }
        for (Planted p : planted) {
            if (!seen.contains(p.reference())) {
                problem(problems, "planted and not found in its class (" + p.fault().label + ")", p.reference());
            }
        }
        long changed = planted.stream().filter(p -> p.fault() == Fault.DROPPED || p.fault() == Fault.AMOUNT || p.fault() == Fault.FAILED).count();
        long expectedMatched = payments - changed;
        long matched = reconciliation.get("counts").get("matched").asLong();
        if (matched != expectedMatched) {
            problem(problems, "counts.matched is not the payments whose lines were left alone",
                    matched + " matched, " + expectedMatched + " expected");
        }
        List<String> out = new ArrayList<>();
        problems.forEach((what, examples) -> out.add(examples.getFirst() + " " + what + ", e.g. "
                + String.join("; ", examples.subList(1, examples.size()))));
        return new ReconciliationChecks(plantedByKind, found, byClass, matched, expectedMatched, out);
    }

    /** Every break of one class, page by page, newest first. */
    private static List<JsonNode> breaks(BenchPlatform platform, HttpClient http, String id, String breakClass) {
        List<JsonNode> out = new ArrayList<>();
        String after = null;
        while (true) {
            String path = "/v1/admin/reconciliations/" + id + "/breaks?class=" + breakClass + "&limit=" + PAGE
                    + (after == null ? "" : "&starting_after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            JsonNode page = parse(platform.get(http, path));
            JsonNode data = page.get("data");
            for (JsonNode b : data) {
                out.add(b);
                after = b.get("id").asString();
            }
            if (!page.get("has_more").asBoolean() || data.isEmpty()) {
                return out;
            }
        }
    }

    private static Long amount(JsonNode b, String field) {
        JsonNode v = b.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    /** Counts a problem of a kind (the first element of its list is the count) and keeps its first few examples. */
    private static void problem(Map<String, List<String>> problems, String what, String example) {
        List<String> examples = problems.computeIfAbsent(what, w -> new ArrayList<>(List.of("0")));
        examples.set(0, Long.toString(Long.parseLong(examples.getFirst()) + 1));
        if (examples.size() <= SHOWN) {
            examples.add(example);
        }
    }

    long plantedTotal() {
        return planted.values().stream().mapToLong(Long::longValue).sum();
    }

    long foundTotal() {
        return found.values().stream().mapToLong(Long::longValue).sum();
    }
}
