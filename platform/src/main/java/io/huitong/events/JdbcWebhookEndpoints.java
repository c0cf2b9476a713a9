package io.huitong.events;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Webhook endpoints and their deliveries in the database. A deleted endpoint is kept (its deliveries refer to it) but no longer shown. */
final class JdbcWebhookEndpoints implements WebhookEndpoints {

    private static final String COLUMNS = "id, merchant_id, url, enabled_events, description, status, livemode, created_at";
    private static final String DELIVERY_COLUMNS = "d.id, d.event_id, e.type, d.endpoint_id, d.status, d.attempts, d.next_attempt_at,"
            + " d.last_attempt_at, d.last_status_code, d.created_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Ids ids;
    private final EventJson json;
    private final WebhookUrlPolicy urls;
    private final WebhookSecrets secrets;

    JdbcWebhookEndpoints(JdbcClient jdbc, TransactionTemplate tx, Clock clock, Ids ids, EventJson json, WebhookUrlPolicy urls,
                         WebhookSecrets secrets) {
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
        this.json = json;
        this.urls = urls;
    }

    @Override
    public Created create(String merchantId, boolean livemode, NewWebhookEndpoint request) {
        // resolving the host may take a while: before the transaction, not inside it
        urls.require(request.url(), livemode);
        Instant now = DbTimes.now(clock);
        WebhookEndpoint endpoint = new WebhookEndpoint(ids.next("we"), merchantId, request.url(), request.enabledEvents(),
                request.description(), WebhookEndpoint.ENABLED, livemode, now);
        String secret = WebhookSignature.newSecret();
        return tx.execute(s -> {
            long existing = jdbc.sql("select count(*) from webhook_endpoint where merchant_id = ? and status = ?")
                    .params(merchantId, WebhookEndpoint.ENABLED).query(Long.class).single();
            if (existing >= MAX_PER_MERCHANT) {
                throw ApiException.conflict("webhook_endpoint_limit_reached",
                        "A merchant may have at most " + MAX_PER_MERCHANT + " webhook endpoints; delete one first.");
            }
            jdbc.sql("insert into webhook_endpoint (" + COLUMNS + ", secret) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(endpoint.id(), merchantId, endpoint.url(), json.types(endpoint.enabledEvents()), endpoint.description(),
                            endpoint.status(), livemode, DbTimes.at(now), secrets.seal(endpoint.id(), secret))
                    .update();
            return new Created(endpoint, secret);
        });
    }

    @Override
    public Optional<WebhookEndpoint> find(String merchantId, String endpointId) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoint where id = ? and merchant_id = ? and status = ?")
                .params(endpointId, merchantId, WebhookEndpoint.ENABLED)
                .query(this::endpoint)
                .optional();
    }

    @Override
    public Page<WebhookEndpoint> list(String merchantId, PageRequest page) {
        PageRequest.Query q = page.byId("select " + COLUMNS + " from webhook_endpoint", "merchant_id = ? and status = ?",
                List.of(merchantId, WebhookEndpoint.ENABLED), "id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(this::endpoint).list(), page);
    }

    @Override
    public WebhookEndpoint delete(String merchantId, String endpointId) {
        return tx.execute(s -> {
            WebhookEndpoint endpoint = jdbc.sql("select " + COLUMNS + " from webhook_endpoint where id = ? and merchant_id = ? and status = ? for update")
                    .params(endpointId, merchantId, WebhookEndpoint.ENABLED)
                    .query(this::endpoint)
                    .optional()
                    .orElseThrow(() -> ApiException.notFound("webhook endpoint", endpointId));
            Instant now = DbTimes.now(clock);
            jdbc.sql("update webhook_endpoint set status = ?, deleted_at = ? where id = ?")
                    .params(WebhookEndpoint.DELETED, DbTimes.at(now), endpointId)
                    .update();
            // an attempt already under way finishes; its outcome is no longer recorded (the relay checks the status)
            jdbc.sql("update webhook_delivery set status = ?, next_attempt_at = null where endpoint_id = ? and status = ?")
                    .params(WebhookDelivery.CANCELED, endpointId, WebhookDelivery.PENDING)
                    .update();
            return new WebhookEndpoint(endpoint.id(), endpoint.merchantId(), endpoint.url(), endpoint.enabledEvents(),
                    endpoint.description(), WebhookEndpoint.DELETED, endpoint.livemode(), endpoint.createdAt());
        });
    }

    @Override
    public Page<WebhookDelivery> deliveries(String merchantId, String endpointId, PageRequest page) {
        find(merchantId, endpointId).orElseThrow(() -> ApiException.notFound("webhook endpoint", endpointId));
        PageRequest.Query q = page.byId("select " + DELIVERY_COLUMNS + " from webhook_delivery d join event e on e.id = d.event_id",
                "d.endpoint_id = ? and d.merchant_id = ?", List.of(endpointId, merchantId), "d.id");
        Page<WebhookDelivery> rows = Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(JdbcWebhookEndpoints::delivery).list(), page);
        Map<String, List<WebhookDelivery.Attempt>> history = attempts(rows.data().stream().map(WebhookDelivery::id).toList());
        return rows.map(d -> new WebhookDelivery(d.id(), d.eventId(), d.eventType(), d.endpointId(), d.status(), d.attempts(),
                d.nextAttemptAt(), d.lastAttemptAt(), d.lastStatusCode(), d.createdAt(), history.getOrDefault(d.id(), List.of())));
    }

    @Override
    public Optional<WebhookDelivery> delivery(String merchantId, String deliveryId) {
        return jdbc.sql("select " + DELIVERY_COLUMNS + " from webhook_delivery d join event e on e.id = d.event_id"
                        + " where d.id = ? and d.merchant_id = ?")
                .params(deliveryId, merchantId)
                .query(JdbcWebhookEndpoints::delivery)
                .optional()
                .map(d -> new WebhookDelivery(d.id(), d.eventId(), d.eventType(), d.endpointId(), d.status(), d.attempts(), d.nextAttemptAt(),
                        d.lastAttemptAt(), d.lastStatusCode(), d.createdAt(), attempts(List.of(d.id())).getOrDefault(d.id(), List.of())));
    }

    @Override
    public WebhookDelivery replay(String merchantId, String deliveryId) {
        String id = ids.next("whd");
        tx.executeWithoutResult(s -> {
            record Original(String eventId, String endpointId) {
            }
            Original original = jdbc.sql("select d.event_id, d.endpoint_id from webhook_delivery d join webhook_endpoint w on w.id = d.endpoint_id"
                            + " where d.id = ? and d.merchant_id = ? and w.status = ?")
                    .params(deliveryId, merchantId, WebhookEndpoint.ENABLED)
                    .query((rs, n) -> new Original(rs.getString(1), rs.getString(2)))
                    .optional()
                    .orElseThrow(() -> ApiException.notFound("webhook delivery", deliveryId));
            Instant now = DbTimes.now(clock);
            jdbc.sql("insert into webhook_delivery (id, event_id, endpoint_id, merchant_id, status, attempts, next_attempt_at, created_at)"
                            + " values (?, ?, ?, ?, ?, 0, ?, ?)")
                    .params(id, original.eventId(), original.endpointId(), merchantId, WebhookDelivery.PENDING, DbTimes.at(now), DbTimes.at(now))
                    .update();
        });
        return delivery(merchantId, id).orElseThrow();
    }

    private Map<String, List<WebhookDelivery.Attempt>> attempts(List<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Map.of();
        }
        record Row(String deliveryId, WebhookDelivery.Attempt attempt) {
        }
        List<Row> rows = jdbc.sql("select delivery_id, attempted_at, status_code, error, duration_ms from webhook_attempt"
                        + " where delivery_id in (:ids) order by id")
                .param("ids", deliveryIds)
                .query((rs, n) -> new Row(rs.getString(1), new WebhookDelivery.Attempt(rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getObject(3, Integer.class), rs.getString(4), rs.getLong(5))))
                .list();
        Map<String, List<WebhookDelivery.Attempt>> byDelivery = new LinkedHashMap<>();
        rows.forEach(r -> byDelivery.computeIfAbsent(r.deliveryId(), k -> new ArrayList<>()).add(r.attempt()));
        return byDelivery;
    }

    private WebhookEndpoint endpoint(ResultSet rs, int row) throws SQLException {
        return new WebhookEndpoint(rs.getString(1), rs.getString(2), rs.getString(3), json.types(rs.getString(4)), rs.getString(5),
                rs.getString(6), rs.getBoolean(7), rs.getObject(8, OffsetDateTime.class).toInstant());
    }

    private static WebhookDelivery delivery(ResultSet rs, int row) throws SQLException {
        return new WebhookDelivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                DbTimes.instant(rs.getObject(7, OffsetDateTime.class)), DbTimes.instant(rs.getObject(8, OffsetDateTime.class)),
                rs.getObject(9, Integer.class), rs.getObject(10, OffsetDateTime.class).toInstant(), List.of());
    }
}
