package io.huitong.events;

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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event log in the database. {@link #record} joins the caller's transaction (a plain JdbcClient on
 * the platform's DataSource takes part in the Spring-managed transaction bound to the thread), so the
 * event and its deliveries commit or roll back with the change they report; without a transaction it
 * runs in one of its own. It logs nothing: the object may hold personal data.
 */
final class JdbcEventLog implements EventLog, Events {

    private static final String COLUMNS = "id, type, data, created_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Ids ids;
    private final EventJson json;

    private final org.springframework.jdbc.core.JdbcTemplate batch;
    private final org.springframework.context.ApplicationEventPublisher listeners;

    JdbcEventLog(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch, TransactionTemplate tx, Clock clock, Ids ids,
                 EventJson json) {
        this(jdbc, batch, tx, clock, ids, json, e -> { });
    }

    /** With {@code listeners}: each recorded event is also published in-process, in the recording transaction ({@link EventRecorded}). */
    JdbcEventLog(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch, TransactionTemplate tx, Clock clock, Ids ids,
                 EventJson json, org.springframework.context.ApplicationEventPublisher listeners) {
        this.listeners = listeners;
        this.batch = batch;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
        this.json = json;
    }

    @Override
    public String record(String merchantId, String type, Object object) {
        if (merchantId == null || merchantId.isBlank()) {
            throw new IllegalArgumentException("an event needs the merchant it belongs to");
        }
        if (!EventTypes.recordable(merchantId, type)) {
            throw new IllegalArgumentException("unknown event type: " + type);
        }
        String data = json.object(Objects.requireNonNull(object, "object"));
        return tx.execute(s -> {
            Instant now = DbTimes.now(clock);
            String id = ids.next("evt");
            jdbc.sql("insert into event (id, merchant_id, type, data, created_at) values (?, ?, ?, ?, ?)")
                    .params(id, merchantId, type, data, DbTimes.at(now))
                    .update();
            for (String endpointId : listeningEndpoints(merchantId, type)) {
                jdbc.sql("insert into webhook_delivery (id, event_id, endpoint_id, merchant_id, status, attempts, next_attempt_at, created_at)"
                                + " values (?, ?, ?, ?, ?, 0, ?, ?)")
                        .params(ids.next("whd"), id, endpointId, merchantId, WebhookDelivery.PENDING, DbTimes.at(now), DbTimes.at(now))
                        .update();
            }
            listeners.publishEvent(new EventRecorded(id, merchantId, type, object, now));
            return id;
        });
    }

    @Override
    public List<String> recordAll(List<NewEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<String> data = new java.util.ArrayList<>();
        for (NewEvent e : events) {
            if (e.merchantId() == null || e.merchantId().isBlank()) {
                throw new IllegalArgumentException("an event needs the merchant it belongs to");
            }
            if (!EventTypes.recordable(e.merchantId(), e.type())) {
                throw new IllegalArgumentException("unknown event type: " + e.type());
            }
            data.add(json.object(Objects.requireNonNull(e.object(), "object")));
        }
        return tx.execute(s -> {
            Instant now = DbTimes.now(clock);
            List<String> eventIds = new java.util.ArrayList<>();
            List<Object[]> eventRows = new java.util.ArrayList<>();
            List<Object[]> deliveryRows = new java.util.ArrayList<>();
            java.util.Map<String, List<Endpoint>> endpoints = new java.util.HashMap<>();
            for (int i = 0; i < events.size(); i++) {
                NewEvent e = events.get(i);
                String id = ids.next("evt");
                eventIds.add(id);
                eventRows.add(new Object[] {id, e.merchantId(), e.type(), data.get(i), DbTimes.at(now)});
                for (Endpoint endpoint : endpoints.computeIfAbsent(e.merchantId(), this::endpoints)) {
                    if (NewWebhookEndpoint.listensTo(endpoint.enabledEvents(), e.type())) {
                        deliveryRows.add(new Object[] {ids.next("whd"), id, endpoint.id(), e.merchantId(), WebhookDelivery.PENDING,
                                DbTimes.at(now), DbTimes.at(now)});
                    }
                }
            }
            batch.batchUpdate("insert into event (id, merchant_id, type, data, created_at) values (?, ?, ?, ?, ?)", eventRows);
            if (!deliveryRows.isEmpty()) {
                batch.batchUpdate("insert into webhook_delivery (id, event_id, endpoint_id, merchant_id, status, attempts,"
                        + " next_attempt_at, created_at) values (?, ?, ?, ?, ?, 0, ?, ?)", deliveryRows);
            }
            for (int i = 0; i < events.size(); i++) {
                NewEvent e = events.get(i);
                listeners.publishEvent(new EventRecorded(eventIds.get(i), e.merchantId(), e.type(), e.object(), now));
            }
            return eventIds;
        });
    }

    private record Endpoint(String id, List<String> enabledEvents) {
    }

    private List<Endpoint> endpoints(String merchantId) {
        return jdbc.sql("select id, enabled_events from webhook_endpoint where merchant_id = ? and status = ? order by id")
                .params(merchantId, WebhookEndpoint.ENABLED)
                .query((rs, row) -> new Endpoint(rs.getString(1), json.types(rs.getString(2))))
                .list();
    }

    private List<String> listeningEndpoints(String merchantId, String type) {
        return endpoints(merchantId).stream()
                .filter(e -> NewWebhookEndpoint.listensTo(e.enabledEvents(), type))
                .map(Endpoint::id)
                .toList();
    }

    @Override
    public Optional<Event> find(String merchantId, String eventId) {
        return jdbc.sql("select " + COLUMNS + " from event where id = ? and merchant_id = ?")
                .params(eventId, merchantId)
                .query(this::event)
                .optional();
    }

    @Override
    public Page<Event> list(String merchantId, String type, PageRequest page) {
        PageRequest.Query q = page.byId("select " + COLUMNS + " from event", type == null ? "merchant_id = ?" : "merchant_id = ? and type = ?",
                type == null ? List.of(merchantId) : List.of(merchantId, type), "id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(this::event).list(), page);
    }

    private Event event(ResultSet rs, int row) throws SQLException {
        return json.event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant());
    }
}
