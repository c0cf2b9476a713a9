package io.huitong.events;

import com.zaxxer.hikari.HikariDataSource;
import io.huitong.kernel.Ids;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestDatabases.TestDb;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The events module wired by hand on a test database, with a clock that moves only when told. */
final class EventsFixture implements AutoCloseable {

    final HikariDataSource dataSource;
    final JdbcClient jdbc;
    final TransactionTemplate tx;
    final MutableClock clock = MutableClock.startingNow();
    final EventJson json = new EventJson(JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build());
    final WebhookProperties properties = WebhookProperties.defaults();
    final JdbcEventLog events;
    final JdbcWebhookEndpoints endpoints;
    final WebhookSecrets secrets;
    private final List<WebhookRelay> relays = new java.util.ArrayList<>();

    EventsFixture(TestDb db) {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(db.url());
        dataSource.setUsername(db.user());
        dataSource.setPassword(db.password());
        dataSource.setMaximumPoolSize(8);
        jdbc = JdbcClient.create(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        Ids ids = new Ids(clock);
        events = new JdbcEventLog(jdbc, new org.springframework.jdbc.core.JdbcTemplate(dataSource), tx, clock, ids, json);
        secrets = new WebhookSecrets(io.huitong.vault.TestVaults.withMasterKey(new byte[32]), jdbc);
        endpoints = new JdbcWebhookEndpoints(jdbc, tx, clock, ids, json, WebhookUrlPolicy.usingDns(List.of()), secrets);
    }

    /** A relay with the platform's rules, as every instance runs it. */
    WebhookRelay relay() {
        return relay(WebhookUrlPolicy.usingDns(List.of()));
    }

    WebhookRelay relay(WebhookUrlPolicy urls) {
        WebhookRelay relay = new WebhookRelay(jdbc, tx, clock, json, urls, properties, WebhookRelay.httpClient(properties), secrets);
        relays.add(relay);
        return relay;
    }

    /** Endpoint management that lets anything on loopback through, to set up endpoints the rules would refuse. */
    JdbcWebhookEndpoints endpointsAllowingLoopback() {
        return new JdbcWebhookEndpoints(jdbc, tx, clock, new Ids(clock), json, WebhookUrlPolicy.usingDns(List.of("127.0.0.0/8")), secrets);
    }

    String endpoint(String merchantId, String url, String... types) {
        return endpoints.create(merchantId, false, new NewWebhookEndpoint(url, List.of(types), null)).endpoint().id();
    }

    String record(String merchantId, String type, Object object) {
        return tx.execute(s -> events.record(merchantId, type, object));
    }

    void wipe() {
        jdbc.sql("delete from webhook_attempt").update();
        jdbc.sql("delete from webhook_delivery").update();
        jdbc.sql("delete from webhook_endpoint").update();
        jdbc.sql("delete from event").update();
    }

    Delivery delivery(String eventId, String endpointId) {
        return jdbc.sql("select id, status, attempts, next_attempt_at, last_status_code, last_error from webhook_delivery"
                        + " where event_id = ? and endpoint_id = ?")
                .params(eventId, endpointId)
                .query((rs, n) -> new Delivery(rs.getString(1), rs.getString(2), rs.getInt(3),
                        io.huitong.kernel.DbTimes.instant(rs, 4), rs.getObject(5, Integer.class), rs.getString(6)))
                .single();
    }

    List<String> deliveredEndpoints(String eventId) {
        return jdbc.sql("select endpoint_id from webhook_delivery where event_id = ? order by endpoint_id").param(eventId)
                .query(String.class).list();
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    void advance(Duration by) {
        clock.advance(by);
    }

    record Delivery(String id, String status, int attempts, java.time.Instant nextAttemptAt, Integer lastStatusCode, String lastError) {
    }

    @Override
    public void close() {
        relays.forEach(WebhookRelay::close);
        dataSource.close();
    }
}
