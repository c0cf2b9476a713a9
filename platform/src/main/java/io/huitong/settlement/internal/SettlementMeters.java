package io.huitong.settlement.internal;

import io.huitong.settlement.Calendars;
import io.huitong.settlement.domain.SettlementLateness;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code huitong.settlement.overdue} (seconds): how long today's settlement has been due without a run for the whole
 * day having completed ({@link SettlementLateness}); 0 when nothing is due. Read from the database at each scrape
 * (one count on the small run table); NaN while the database cannot be asked.
 */
final class SettlementMeters {

    static final String OVERDUE = "huitong.settlement.overdue";

    private final JdbcClient jdbc;
    private final Calendars calendars;
    private final LocalTime runAt;
    private final Clock clock;

    SettlementMeters(JdbcClient jdbc, Calendars calendars, LocalTime runAt, Clock clock) {
        this.jdbc = jdbc;
        this.calendars = calendars;
        this.runAt = runAt;
        this.clock = clock;
    }

    void register(MeterRegistry registry) {
        Gauge.builder(OVERDUE, this, SettlementMeters::overdueSeconds).baseUnit("seconds")
                .description("time since today's settlement run was due, while no run for the whole day has completed; 0 when none is due")
                .strongReference(true).register(registry);
    }

    double overdueSeconds() {
        Instant now = clock.instant();
        try {
            return SettlementLateness.overdue(now, calendars.current(), runAt, completed(SettlementLateness.today(now))).toMillis() / 1000.0;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private boolean completed(LocalDate businessDate) {
        return jdbc.sql("select count(*) from settlement_run where business_date = ? and merchant_id is null and status = 'completed'")
                .param(Date.valueOf(businessDate)).query(Long.class).single() > 0;
    }
}
