package io.huitong.web.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/api.md "Settlement and payouts": a payment is due T+N business days of the platform's calendar after the business
 * day it happened on (Asia/Shanghai; one on a day off counts from the next business day). Around the 2026 Mid-Autumn
 * and National Day holidays of the shipped calendar — days off 25-27 September and 1-7 October, make-up working days
 * Sunday 20 September and Saturday 10 October — a run every evening settles each payment on its due date, never
 * before.
 */
abstract class SettlementCalendarTests extends SettlementTestSupport {

    /** A payment of a merchant on a schedule, at a time in Asia/Shanghai, and the business date it is due on. */
    record Case(String name, String schedule, LocalDateTime paidAt, LocalDate due) {
    }

    static final List<Case> CASES = List.of(
            new Case("Friday night T1 lands on the make-up Sunday", "T1", LocalDateTime.parse("2026-09-18T23:30"), LocalDate.parse("2026-09-20")),
            new Case("just after midnight is Saturday, not Friday (UTC still says Friday)", "T1", LocalDateTime.parse("2026-09-19T00:30"),
                    LocalDate.parse("2026-09-21")),
            new Case("Friday T2 steps over the Saturday only", "T2", LocalDateTime.parse("2026-09-18T10:00"), LocalDate.parse("2026-09-21")),
            new Case("T0 on the make-up Sunday is that Sunday", "T0", LocalDateTime.parse("2026-09-20T10:00"), LocalDate.parse("2026-09-20")),
            new Case("Thursday T1 steps over the Mid-Autumn Friday and the weekend", "T1", LocalDateTime.parse("2026-09-24T10:00"),
                    LocalDate.parse("2026-09-28")),
            new Case("Wednesday T1 before National Day waits the holiday week", "T1", LocalDateTime.parse("2026-09-30T10:00"),
                    LocalDate.parse("2026-10-08")),
            new Case("Wednesday T2 before National Day", "T2", LocalDateTime.parse("2026-09-30T10:00"), LocalDate.parse("2026-10-09")),
            new Case("T0 on a holiday Saturday counts from the first business day after it", "T0", LocalDateTime.parse("2026-10-03T10:00"),
                    LocalDate.parse("2026-10-08")),
            new Case("Friday T1 lands on the make-up Saturday", "T1", LocalDateTime.parse("2026-10-09T10:00"), LocalDate.parse("2026-10-10")),
            new Case("Friday T2 steps over the make-up Saturday and the Sunday", "T2", LocalDateTime.parse("2026-10-09T10:00"),
                    LocalDate.parse("2026-10-12")));

    static final LocalDate FIRST = LocalDate.parse("2026-09-18");
    static final LocalDate LAST = LocalDate.parse("2026-10-12");

    record Paid(Case c, Shop merchant, String payment) {
    }

    @Test
    void eachPaymentSettlesOnTheBusinessDayTheCalendarSaysAndNotBefore() {
        JsonNode year = api.get("/v1/admin/calendar/2026", "Authorization", admin()).json();
        assertThat(year.path("holidays").toString()).as("the shipped 2026 calendar").contains("2026-09-25", "2026-09-27", "2026-10-01",
                "2026-10-07");
        assertThat(year.path("working_days").toString()).as("the shipped 2026 calendar").contains("2026-09-20", "2026-10-10");

        List<Case> byTime = new ArrayList<>(CASES);
        byTime.sort(Comparator.comparing(Case::paidAt));
        List<Shop> merchants = new ArrayList<>();
        for (int i = 0; i < byTime.size(); i++) {
            merchants.add(merchant("Calendar Shop " + i, byTime.get(i).schedule(), "CNY", 100, 0, false));
        }
        List<Paid> paid = new ArrayList<>();
        int next = 0;
        for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
            LocalDateTime evening = day.atTime(23, 50);
            while (next < byTime.size() && byTime.get(next).paidAt().isBefore(evening)) {
                Case c = byTime.get(next);
                at(c.paidAt());
                paid.add(new Paid(c, merchants.get(next), pay(merchants.get(next), 10_000 + next, "CNY")));
                next++;
            }
            at(evening);
            run(day.toString(), null);
            for (Paid p : paid) {
                assertSettledOnDueDate(p, day);
            }
        }
        assertThat(paid).hasSize(CASES.size());
        assertLedgerBalanced("after the last run");
    }

    /** After the run of {@code day}: settled once, by the settlement of its due date, when that date has come; else not at all. */
    private void assertSettledOnDueDate(Paid p, LocalDate day) {
        List<JsonNode> settlements = settlements(p.merchant());
        String where = p.c().name() + " (" + p.c().schedule() + ", paid " + p.c().paidAt() + " Asia/Shanghai) after the run of " + day;
        if (day.isBefore(p.c().due())) {
            assertThat(settlements).as(where + ": not due before " + p.c().due()).isEmpty();
            assertThat(pending(p.merchant(), "CNY")).as(where + ": still pending").isPositive();
            return;
        }
        assertThat(settlements).as(where).hasSize(1);
        JsonNode s = settlements.getFirst();
        assertThat(s.path("business_date").asString()).as(where).isEqualTo(p.c().due().toString());
        List<JsonNode> lines = lines(p.merchant(), s.path("id").asString());
        assertThat(lines).as(where).hasSize(1);
        assertThat(lines.getFirst().path("source").asString()).as(where).isEqualTo(p.payment());
        assertThat(pending(p.merchant(), "CNY")).as(where + ": nothing pending any more").isZero();
    }
}
