package io.huitong.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alerting rules (ops/prometheus/huitong-rules.yml) and the dashboard (ops/grafana/huitong-dashboard.json) only
 * query metrics the platform exports: after a little traffic, every metric name in their expressions is in
 * {@code /actuator/prometheus}. With {@code promtool} on the PATH the rules must also pass {@code promtool check rules}.
 */
abstract class MonitoringFilesTest extends ApiTestSupport {

    /** Series Prometheus records itself for every target, not exported by the platform. */
    private static final Set<String> RECORDED_BY_PROMETHEUS = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

    /** PromQL's keywords, aggregations' modifiers and Grafana's variables: words in an expression that name no metric. */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "bool", "offset", "atan2", "inf", "nan", "le");

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPINGS = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern WORD = Pattern.compile("(?<![\\w$.:])([a-zA-Z_][a-zA-Z0-9_:]*)(\\s*\\()?");

    @Test
    void everyMetricTheRulesAndTheDashboardQueryIsExported() throws IOException {
        traffic();
        Set<String> exported = exported();
        assertThat(exported).as("the platform's own meters are exported")
                .contains("huitong_payments_total", "huitong_channel_breaker_open", "huitong_settlement_overdue_seconds",
                        "huitong_reconciliation_breaks_open_past_grace", "huitong_audit_verification_valid");

        Map<String, Set<String>> used = new java.util.LinkedHashMap<>();
        Set<String> recorded = new TreeSet<>();
        for (String expr : ruleExpressions(recorded)) {
            used.computeIfAbsent("rules", k -> new TreeSet<>()).addAll(metricNames(expr));
        }
        for (String expr : dashboardExpressions()) {
            used.computeIfAbsent("dashboard", k -> new TreeSet<>()).addAll(metricNames(expr));
        }
        used.put("rules' unit tests", ruleTestSeries());
        assertThat(used.get("rules")).as("the rules query metrics").contains("huitong_payments_total", "http_server_requests_seconds_bucket");
        assertThat(used.get("dashboard")).as("the dashboard queries metrics").contains("huitong_payments_total");

        used.forEach((file, names) -> {
            Set<String> missing = new TreeSet<>(names);
            missing.removeAll(exported);
            missing.removeAll(RECORDED_BY_PROMETHEUS);
            missing.removeAll(recorded);
            assertThat(missing).as("metrics the " + file + " query that the platform does not export").isEmpty();
        });
    }

    /** The rules load, and their unit tests (ops/prometheus/huitong-rules.test.yml: which series fire which alert) pass. */
    @Test
    void theRulesPassPromtoolWhereItIsInstalled() throws IOException, InterruptedException {
        Path promtool = onPath("promtool");
        org.junit.jupiter.api.Assumptions.assumeTrue(promtool != null, "promtool is not installed (CI installs it and checks the rules)");
        promtool(promtool, "check", "rules", file("ops/prometheus/huitong-rules.yml").toString());
        promtool(promtool, "test", "rules", file("ops/prometheus/huitong-rules.test.yml").toString());
    }

    private static void promtool(Path promtool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    @Test
    void theNameExtractionSeesMetricsOnly() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{job=\"huitong\",uri=~\"/v1/.*\"}[5m]))) > 0.3"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(metricNames("time() - max(huitong_audit_verification_timestamp_seconds{instance=~\"$instance\"}) > 3 * 3600"))
                .containsExactly("huitong_audit_verification_timestamp_seconds");
        assertThat(metricNames("(sum by (channel) (increase(a_total[10m])) >= 10) unless (sum without (x) (b_total) > 0) or absent(up{job=\"h\"})"))
                .containsExactly("a_total", "b_total", "up");
    }

    /** Payments approved and declined, the ledger's and the audit chain's checks: every meter the files use has a value. */
    private void traffic() {
        OnboardedMerchant merchant = onboardMerchant("Monitoring Tea", "");
        for (String card : List.of("4242424242424242", "4000000000000002", "5555555555554444")) {
            Api.Response paid = api.postJson("/v1/payments", "{\"amount\":1000,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\","
                    + "\"card\":{\"number\":\"" + card + "\",\"exp_month\":12,\"exp_year\":2030,\"cvc\":\"123\"}}}", "Authorization", merchant.bearer());
            assertThat(paid.status()).as(paid.body()).isIn(201, 402);
        }
        assertThat(api.get("/v1/admin/ledger/check", "Authorization", admin()).json().path("balanced").asBoolean()).isTrue();
        assertThat(api.get("/v1/admin/audit/verify", "Authorization", admin()).json().path("valid").asBoolean()).isTrue();
    }

    private Set<String> exported() {
        Api.Response metrics = api.get("/actuator/prometheus", "Accept", "text/plain", "Authorization", admin());
        assertThat(metrics.status()).isEqualTo(200);
        Set<String> names = new TreeSet<>();
        for (String line : metrics.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /** Every rule's expression; the names of recording rules into {@code recorded}. */
    @SuppressWarnings("unchecked")
    private static List<String> ruleExpressions(Set<String> recorded) throws IOException {
        Map<String, Object> rules = new Yaml().load(Files.readString(file("ops/prometheus/huitong-rules.yml")));
        List<String> out = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                out.add(String.valueOf(rule.get("expr")));
                if (rule.get("record") != null) {
                    recorded.add(String.valueOf(rule.get("record")));
                }
            }
        }
        assertThat(out).as("rules in the file").hasSizeGreaterThan(5);
        return out;
    }

    /** The metrics the rules' unit tests feed (ops/prometheus/huitong-rules.test.yml), so that they test what is exported. */
    @SuppressWarnings("unchecked")
    private static Set<String> ruleTestSeries() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(file("ops/prometheus/huitong-rules.test.yml")));
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> test : (List<Map<String, Object>>) file.get("tests")) {
            for (Map<String, Object> series : (List<Map<String, Object>>) test.get("input_series")) {
                names.add(String.valueOf(series.get("series")).split("\\{", 2)[0].trim());
            }
        }
        assertThat(names).as("series of the rules' unit tests").isNotEmpty();
        return names;
    }

    private static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(file("ops/grafana/huitong-dashboard.json")));
        List<String> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.add(target.path("expr").asString());
            }
        }
        assertThat(out).as("queries of the dashboard").hasSizeGreaterThan(5);
        return out;
    }

    /** The metric names an expression selects: words that are neither functions, keywords, labels, strings nor durations. */
    static Set<String> metricNames(String expr) {
        String bare = STRINGS.matcher(expr).replaceAll("\"\"");
        bare = MATCHERS.matcher(bare).replaceAll(" ");
        bare = RANGES.matcher(bare).replaceAll(" ");
        bare = GROUPINGS.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = WORD.matcher(bare);
        while (m.find()) {
            if (m.group(2) == null && !KEYWORDS.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** A file of the repository, from the module's directory (where Maven runs tests) or the repository's. */
    static Path file(String path) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(path);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(path + " not found above " + Path.of("").toAbsolutePath());
    }

    private static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
