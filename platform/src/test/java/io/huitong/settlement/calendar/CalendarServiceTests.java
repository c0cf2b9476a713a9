package io.huitong.settlement.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.kernel.ApiException;
import io.huitong.settlement.CalendarYear;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestDatabases;
import io.huitong.testsupport.TestDatabases.TestDb;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The calendar's store and its copy in memory, against a real (H2) database, with several instances of the platform
 * sharing it: the shipped file, storing it once and never over an operator's change, and when each instance sees a
 * replaced year.
 */
class CalendarServiceTests {

    private TestDb db;
    /** One for every instance: a transaction is bound to the DataSource object its statements use. */
    private DataSource dataSource;
    private TransactionTemplate transactions;

    @BeforeEach
    void open() {
        db = TestDatabases.h2().migrated();
        dataSource = db.dataSource();
        transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private CalendarService instance(Duration refresh) {
        return new CalendarService(new CalendarStore(JdbcClient.create(dataSource), new JdbcTemplate(dataSource)),
                new TransactionTemplate(new JdbcTransactionManager(dataSource)), MutableClock.startingNow(), refresh);
    }

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void theShippedFileHoldsThe2026NoticeAndThe2027StatutoryDays() {
        List<CalendarYear> years = ShippedCalendars.read();

        assertThat(years).extracting(CalendarYear::year).containsExactly(2026, 2027);
        CalendarYear y2026 = years.get(0);
        assertThat(y2026.holidays()).hasSize(33).contains(d("2026-02-15"), d("2026-02-23"), d("2026-10-07")).doesNotContain(d("2026-10-08"));
        assertThat(y2026.workingDays()).containsExactly(d("2026-01-04"), d("2026-02-14"), d("2026-02-28"), d("2026-05-09"),
                d("2026-09-20"), d("2026-10-10"));
        assertThat(y2026.workingDays()).allMatch(w -> w.getDayOfWeek() == DayOfWeek.SATURDAY || w.getDayOfWeek() == DayOfWeek.SUNDAY);
        assertThat(y2026.businessDays()).isEqualTo(248);
        CalendarYear y2027 = years.get(1);
        assertThat(y2027.holidays()).hasSize(13);
        assertThat(y2027.workingDays()).as("no make-up day before the notice").isEmpty();
    }

    @Test
    void theShippedYearsAreStoredOnceAndNeverOverAnOperatorsChange() {
        CalendarService node = instance(Duration.ofHours(1));
        assertThat(node.current().knows(2026)).isFalse();

        new ShippedCalendars(node).afterSingletonsInstantiated();
        assertThat(node.current().knows(2026)).isTrue();
        assertThat(node.year(2027).holidays()).hasSize(13);

        CalendarYear corrected = CalendarYear.of(2027, Set.of(d("2027-02-05"), d("2027-02-08"), d("2027-02-09")), Set.of(d("2027-02-20")));
        node.replace(2027, corrected, "op_finance");
        new ShippedCalendars(instance(Duration.ofHours(1))).afterSingletonsInstantiated();
        assertThat(node.year(2027)).isEqualTo(corrected);
        assertThat(node.setIfAbsent(ShippedCalendars.read().get(0), "shipped", "huitong")).as("already there").isFalse();

        node.replace(2026, CalendarYear.empty(2026), "op_finance");
        new ShippedCalendars(node).afterSingletonsInstantiated();
        assertThat(node.year(2026).holidays()).as("a year emptied by an operator stays empty").isEmpty();
        assertThat(node.current().knows(2026)).isTrue();
        assertThat(node.current().isBusinessDay(d("2026-10-01"))).isTrue();
    }

    @Test
    void anInstanceSeesItsOwnChangeAtOnceAndAnothersAfterItsRefresh() {
        CalendarService here = instance(Duration.ofHours(1));
        CalendarService elsewhere = instance(Duration.ofHours(1));
        CalendarService eager = instance(Duration.ZERO);
        assertThat(here.current().isBusinessDay(d("2030-10-01"))).isTrue();
        assertThat(elsewhere.current().isBusinessDay(d("2030-10-01"))).isTrue();

        here.replace(2030, CalendarYear.of(2030, Set.of(d("2030-10-01")), Set.of()), "op_a");

        assertThat(here.current().isBusinessDay(d("2030-10-01"))).as("this instance: at once").isFalse();
        assertThat(elsewhere.current().isBusinessDay(d("2030-10-01"))).as("another: its copy until its refresh").isTrue();
        assertThat(eager.current().isBusinessDay(d("2030-10-01"))).as("another, after its refresh").isFalse();
    }

    @Test
    void aReplaceInsideATransactionThatRollsBackChangesNothingAnywhere() {
        CalendarService node = instance(Duration.ofHours(1));
        node.replace(2030, CalendarYear.of(2030, Set.of(d("2030-05-01")), Set.of()), "op_a");
        assertThat(node.current().isBusinessDay(d("2030-05-01"))).isFalse();
        CalendarService inTransaction = new CalendarService(new CalendarStore(JdbcClient.create(dataSource), new JdbcTemplate(dataSource)),
                transactions, MutableClock.startingNow(), Duration.ofHours(1));
        inTransaction.current();

        transactions.executeWithoutResult(status -> {
            inTransaction.replace(2030, CalendarYear.of(2030, Set.of(d("2030-05-02")), Set.of()), "op_b");
            status.setRollbackOnly();
        });

        assertThat(node.year(2030).holidays()).containsExactly(d("2030-05-01"));
        assertThat(inTransaction.current().isBusinessDay(d("2030-05-01"))).isFalse();
        assertThat(inTransaction.current().isBusinessDay(d("2030-05-02"))).isTrue();
    }

    @Test
    void aRefusedYearChangesNothing() {
        CalendarService node = instance(Duration.ofHours(1));
        node.replace(2030, CalendarYear.of(2030, Set.of(d("2030-05-01")), Set.of()), "op_a");

        assertThatThrownBy(() -> node.replace(2030, CalendarYear.of(2030, Set.of(d("2031-01-01")), Set.of()), "op_a"))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).param()).isEqualTo("holidays");
        assertThatThrownBy(() -> node.replace(2030, CalendarYear.of(2030, Set.of(), Set.of(d("2030-05-06"))), "op_a"))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).param()).isEqualTo("working_days");
        assertThatThrownBy(() -> node.replace(2031, CalendarYear.of(2030, Set.of(), Set.of()), "op_a"))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).param()).isEqualTo("year");
        assertThatThrownBy(() -> node.replace(1999, CalendarYear.empty(1999), "op_a"))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).param()).isEqualTo("year");
        assertThatThrownBy(() -> node.year(2101)).isInstanceOf(ApiException.class);

        assertThat(node.year(2030).holidays()).containsExactly(d("2030-05-01"));
        assertThat(node.current().knows(2031)).isFalse();
    }
}
