package io.huitong.settlement.calendar;

import io.huitong.kernel.Ids;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The business calendar and the exchange rates. {@code huitong.settlement.calendar-refresh} (default 1 minute) is how
 * long an instance counts with its copy of the calendar before it looks for years another instance replaced.
 */
@Configuration(proxyBeanMethods = false)
class CalendarConfig {

    @Bean
    CalendarService calendars(DataSource dataSource, PlatformTransactionManager transactions, Clock clock, Environment environment) {
        Duration refresh = environment.getProperty("huitong.settlement.calendar-refresh", Duration.class, Duration.ofMinutes(1));
        return new CalendarService(new CalendarStore(JdbcClient.create(dataSource), new JdbcTemplate(dataSource)),
                new TransactionTemplate(transactions), clock, refresh);
    }

    @Bean
    ShippedCalendars shippedCalendars(CalendarService calendars) {
        return new ShippedCalendars(calendars);
    }

    @Bean
    FxRateService fxRates(DataSource dataSource, Clock clock, Ids ids) {
        return new FxRateService(new FxRateStore(JdbcClient.create(dataSource)), clock, ids);
    }
}
