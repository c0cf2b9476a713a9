package io.huitong.web.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.settlement.Calendars;
import io.huitong.settlement.domain.BusinessCalendar;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * docs/api.md "Settlement and payouts": {@code GET|PUT /v1/admin/calendar/{year}}. The mainland calendar of 2026 and 2027
 * is there from the first start; an operator replaces a year at once, and the calendar the settlement counts with
 * follows; bad input is refused with a 400 and changes nothing.
 */
abstract class CalendarApiTests extends ApiTestSupport {

    @Autowired
    Calendars calendars;

    private Api.Response get(String year) {
        return api.get("/v1/admin/calendar/" + year, "Authorization", admin());
    }

    private Api.Response put(String year, String body) {
        return api.send(api.request("/v1/admin/calendar/" + year).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", admin()).build());
    }

    private Api.Response putBytes(String year, byte[] body, String contentType) {
        return api.send(api.request("/v1/admin/calendar/" + year).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType).header("Authorization", admin()).build());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static List<String> range(String from, String to) {
        List<String> out = new ArrayList<>();
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
            out.add(d.toString());
        }
        return out;
    }

    private static String list(String... dates) {
        return java.util.Arrays.stream(dates).map(d -> "\"" + d + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void theMainlandCalendarOf2026IsThereFromTheFirstStartAsTheStateCouncilSetIt() {
        Api.Response r = get("2026");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("object").asString()).isEqualTo("calendar");
        assertThat(r.json().path("year").asInt()).isEqualTo(2026);
        List<String> holidays = new ArrayList<>();
        holidays.addAll(range("2026-01-01", "2026-01-03"));
        holidays.addAll(range("2026-02-15", "2026-02-23"));
        holidays.addAll(range("2026-04-04", "2026-04-06"));
        holidays.addAll(range("2026-05-01", "2026-05-05"));
        holidays.addAll(range("2026-06-19", "2026-06-21"));
        holidays.addAll(range("2026-09-25", "2026-09-27"));
        holidays.addAll(range("2026-10-01", "2026-10-07"));
        assertThat(strings(r.json().path("holidays"))).containsExactlyElementsOf(holidays);
        assertThat(strings(r.json().path("working_days")))
                .containsExactly("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
        assertThat(r.json().path("business_days").asInt()).isEqualTo(248);

        BusinessCalendar current = calendars.current();
        assertThat(current.isBusinessDay(LocalDate.parse("2026-09-20"))).as("the make-up Sunday").isTrue();
        assertThat(current.plusBusinessDays(LocalDate.parse("2026-09-30"), 1)).isEqualTo(LocalDate.parse("2026-10-08"));
    }

    @Test
    void theStatutoryHolidaysOf2027AreShippedWithoutMakeUpDays() {
        Api.Response r = get("2027");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(strings(r.json().path("holidays"))).containsExactly("2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07",
                "2027-02-08", "2027-04-05", "2027-05-01", "2027-05-02", "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-02", "2027-10-03");
        assertThat(r.json().path("working_days").isEmpty()).isTrue();
        assertThat(r.json().path("business_days").asInt()).isEqualTo(254);
    }

    @Test
    void aYearNobodySetCountsWeekendsOnly() {
        Api.Response r = get("2045");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("holidays").isEmpty()).isTrue();
        assertThat(r.json().path("working_days").isEmpty()).isTrue();
        assertThat(r.json().path("business_days").asInt()).isEqualTo(BusinessCalendar.weekendsOnly().businessDaysIn(2045));
        assertThat(calendars.current().knows(2045)).isFalse();
    }

    @Test
    void anOperatorReplacesAYearAndTheSettlementCalendarFollowsAtOnce() {
        // 2031-10-01 is a Wednesday, 2031-09-28 a Sunday
        Api.Response first = put("2031", "{\"holidays\":" + list("2031-10-03", "2031-10-01", "2031-10-02") + ",\"working_days\":"
                + list("2031-09-28") + "}");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(strings(first.json().path("holidays"))).as("sorted").containsExactly("2031-10-01", "2031-10-02", "2031-10-03");
        assertThat(strings(first.json().path("working_days"))).containsExactly("2031-09-28");
        assertThat(get("2031").body()).isEqualTo(first.body());
        BusinessCalendar after = calendars.current();
        assertThat(after.knows(2031)).isTrue();
        assertThat(after.isBusinessDay(LocalDate.parse("2031-09-28"))).isTrue();
        assertThat(after.isBusinessDay(LocalDate.parse("2031-10-01"))).isFalse();

        Api.Response second = put("2031", "{\"holidays\":" + list("2031-05-01") + ",\"working_days\":[]}");
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(strings(second.json().path("holidays"))).containsExactly("2031-05-01");
        assertThat(second.json().path("working_days").isEmpty()).isTrue();
        BusinessCalendar replaced = calendars.current();
        assertThat(replaced.isBusinessDay(LocalDate.parse("2031-10-01"))).as("no longer a holiday").isTrue();
        assertThat(replaced.isBusinessDay(LocalDate.parse("2031-09-28"))).as("no longer worked").isFalse();
        assertThat(replaced.isBusinessDay(LocalDate.parse("2031-05-01"))).isFalse();

        Api.Response emptied = put("2031", "{\"holidays\":[],\"working_days\":[]}");
        assertThat(emptied.status()).as(emptied.body()).isEqualTo(200);
        assertThat(calendars.current().knows(2031)).as("set, to nothing").isTrue();
        assertThat(calendars.year(2031).holidays()).isEmpty();
    }

    @Test
    void operatorsReplacingTheSameYearAtOnceLeaveOneOfTheirCalendarsWhole() throws Exception {
        // 2033, set for the first time by all of them at once: each one a different set of Mondays
        List<List<String>> sets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<String> mondays = new ArrayList<>();
            for (int w = 0; w <= i; w++) {
                mondays.add(LocalDate.parse("2033-01-03").plusWeeks(i * 8L + w).toString());
            }
            sets.add(mondays);
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(sets.size())) {
            List<java.util.concurrent.Future<Api.Response>> answers = new ArrayList<>();
            for (List<String> set : sets) {
                answers.add(pool.submit(() -> put("2033", "{\"holidays\":" + list(set.toArray(String[]::new)) + ",\"working_days\":[]}")));
            }
            for (var answer : answers) {
                Api.Response r = answer.get();
                assertThat(r.status()).as(r.body()).isEqualTo(200);
            }
        }
        List<String> stored = strings(get("2033").json().path("holidays"));
        assertThat(sets).as("the last replace wins whole, never a mix").contains(stored);
        assertThat(calendars.year(2033).holidays()).hasSize(stored.size());
    }

    @Test
    void badRequestsAreRefusedWithA400AndChangeNothing() {
        Api.Response set = put("2032", "{\"holidays\":" + list("2032-10-01", "2032-10-04") + ",\"working_days\":" + list("2032-09-26") + "}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        String before = get("2032").body();
        String shipped = get("2026").body();

        String ok = "\"working_days\":[]";
        refused("2032", "{\"working_days\":[]}", "holidays", "parameter_missing");
        refused("2032", "{\"holidays\":[]}", "working_days", "parameter_missing");
        refused("2032", "{\"holidays\":null," + ok + "}", "holidays", "parameter_missing");
        refused("2032", "{\"holidays\":\"2032-10-01\"," + ok + "}", "holidays", "parameter_invalid");
        refused("2032", "{\"holidays\":[20321001]," + ok + "}", "holidays[0]", "parameter_invalid");
        refused("2032", "{\"holidays\":[1e400]," + ok + "}", "holidays[0]", "parameter_invalid");
        refused("2032", "{\"holidays\":[null]," + ok + "}", "holidays", "parameter_invalid");
        Api.Response nested = put("2032", "{\"holidays\":[[\"2032-10-01\"]]," + ok + "}");
        assertThat(nested.status()).as(nested.body()).isEqualTo(400);
        refused("2032", "{\"holidays\":{\"a\":\"2032-10-01\"}," + ok + "}", "holidays", "parameter_invalid");
        for (String malformed : new String[] {"2032-1-1", "2032-02-30", "2032-13-01", "2032-00-10", "2032-10-01T00:00:00Z", "20321001",
                "２０３２-10-01", "2032-10-01\\u0000", "\\u0000", "", " 2032-10-01", "+2032-10-01", "2032/10/01", "10/01/2032"}) {
            refused("2032", "{\"holidays\":[\"" + malformed + "\"]," + ok + "}", "holidays", "parameter_invalid");
            refused("2032", "{\"holidays\":[],\"working_days\":[\"" + malformed + "\"]}", "working_days", "parameter_invalid");
        }
        refused("2032", "{\"holidays\":" + list("2033-01-01") + "," + ok + "}", "holidays", "parameter_invalid");
        refused("2032", "{\"holidays\":" + list("2031-12-31") + "," + ok + "}", "holidays", "parameter_invalid");
        refused("2032", "{\"holidays\":[],\"working_days\":" + list("2033-01-01") + "}", "working_days", "parameter_invalid");
        refused("2032", "{\"holidays\":" + list("2032-10-01", "2032-10-01") + "," + ok + "}", "holidays", "parameter_invalid");
        refused("2032", "{\"holidays\":[],\"working_days\":" + list("2032-09-26", "2032-09-26") + "}", "working_days", "parameter_invalid");
        refused("2032", "{\"holidays\":" + list("2032-09-26") + ",\"working_days\":" + list("2032-09-26") + "}", "working_days",
                "parameter_invalid");
        // 2032-09-27 is a Monday: a weekday is a business day anyway
        refused("2032", "{\"holidays\":[],\"working_days\":" + list("2032-09-27") + "}", "working_days", "parameter_invalid");
        String tooMany = IntStream.range(0, 367).mapToObj(i -> "\"2032-01-01\"").collect(Collectors.joining(",", "[", "]"));
        refused("2032", "{\"holidays\":" + tooMany + "," + ok + "}", "holidays", "parameter_invalid");
        refused("2032", "{\"holidays\":[]," + ok + ",\"colour\":\"red\"}", "colour", "parameter_unknown");
        refused("2032", "{\"holidays\":[]," + ok + ",\"year\":2033}", "year", "parameter_unknown");
        for (String year : new String[] {"1999", "2101", "0000", "9999", "20x2", "02032", "-2032", "2032.0", "%20"}) {
            refused(year, "{\"holidays\":[]," + ok + "}", "year", "parameter_invalid");
        }
        // an encoded NUL or a broken encoding in the path: the web server refuses the request before the API sees it
        for (String year : new String[] {"%00", "%C3%28", "2032%00"}) {
            assertThat(put(year, "{\"holidays\":[]," + ok + "}").status()).as(year).isEqualTo(400);
        }
        for (String garbage : new String[] {"", "not json", "[]", "{", "{\"holidays\":[", "null", "42", "\"2032\""}) {
            Api.Response r = put("2032", garbage);
            assertThat(r.status()).as(garbage + ": " + r.body()).isEqualTo(400);
            assertThat(r.error("code")).as(garbage).isEqualTo("invalid_json");
        }
        Api.Response brokenUtf8 = putBytes("2032", new byte[] {'{', '"', 'h', (byte) 0xC3, (byte) 0x28, '"', ':', '[', ']', '}'},
                "application/json");
        assertThat(brokenUtf8.status()).as(brokenUtf8.body()).isEqualTo(400);
        Api.Response text = putBytes("2032", "{\"holidays\":[],\"working_days\":[]}".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertThat(text.status()).as(text.body()).isEqualTo(415);

        assertThat(get("2032").body()).as("nothing changed").isEqualTo(before);
        assertThat(get("2026").body()).isEqualTo(shipped);
        assertThat(calendars.current().isBusinessDay(LocalDate.parse("2032-09-26"))).isTrue();
        assertThat(calendars.current().isBusinessDay(LocalDate.parse("2032-10-01"))).isFalse();
    }

    @Test
    void readingAYearOutsideTheCalendarIsA400() {
        for (String year : new String[] {"1999", "2101", "abcd", "20261", "%20"}) {
            Api.Response r = get(year);
            assertThat(r.status()).as(year + ": " + r.body()).isEqualTo(400);
            assertThat(r.error("param")).isEqualTo("year");
        }
        assertThat(get("2000").status()).isEqualTo(200);
        assertThat(get("2100").status()).isEqualTo(200);
        assertThat(api.get("/v1/admin/calendar/2026").status()).as("no key").isEqualTo(401);
    }

    @Test
    void theEndpointsAreInTheOpenApiDescription() {
        JsonNode docs = api.get("/v3/api-docs").json();
        JsonNode path = docs.path("paths").path("/v1/admin/calendar/{year}");
        assertThat(path.has("get")).isTrue();
        assertThat(path.has("put")).isTrue();
        assertThat(path.path("put").path("requestBody").isMissingNode()).isFalse();
        assertThat(docs.path("components").path("schemas").path("CalendarView").path("properties").propertyNames())
                .contains("object", "year", "holidays", "working_days", "business_days");
        assertThat(docs.path("components").path("schemas").path("CalendarDays").path("properties").propertyNames())
                .containsExactlyInAnyOrder("holidays", "working_days");
    }

    private void refused(String year, String body, String param, String code) {
        Api.Response r = put(year, body);
        String what = year + " " + (body.length() > 120 ? body.substring(0, 120) + "..." : body);
        assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(400);
        assertThat(r.error("code")).as(what + ": " + r.body()).isEqualTo(code);
        assertThat(r.error("param")).as(what + ": " + r.body()).isEqualTo(param);
    }
}
