package io.huitong.aml.internal;

import io.huitong.aml.AmlReportQuery;
import io.huitong.aml.AmlTransaction;
import io.huitong.aml.domain.Txn;
import io.huitong.kernel.DbTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The AML tables. */
final class AmlStore implements CustomerWindows.Source {

    static final String TXN_COLUMNS = "id, kind, customer, customer_type, direction, counterparty, merchant_id, reference, amount, currency,"
            + " cross_border, cash, occurred_at, business_day";
    private static final String PREFIXED_COLUMNS = "t." + TXN_COLUMNS.replace(", ", ", t.");
    static final String REPORT_COLUMNS = "id, type, rule, customer, customer_type, business_day, created_at, updated_at";

    record ReportRow(String id, String type, String rule, String customer, String customerType, LocalDate businessDay, Instant createdAt,
                     Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    AmlStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** A record, skipped when its source is recorded already (never an error on a duplicate source). */
    private static final String INSERT = "insert into aml_transaction (id, source_ref, kind, customer, customer_type, direction,"
            + " counterparty, merchant_id, reference, amount, currency, cross_border, cash, occurred_at, business_day,"
            + " created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing";
    /** A record inserted is pending evaluation; one skipped (its source recorded before) is not there to be. */
    private static final String PENDING = "insert into aml_pending (id) select id from aml_transaction where id = ?";
    private static final String PENDING_ALL = "insert into aml_pending (id) select id from aml_transaction where id = any(?)";

    /** Inserts the record unless its source is recorded already; answers whether it inserted. Never fails on a duplicate source. */
    boolean insert(AmlTransaction t, String sourceRef, Instant now) {
        boolean inserted = jdbc.sql(INSERT).params(row(t, sourceRef, now)).update() == 1;
        if (inserted) {
            jdbc.sql(PENDING).params(t.id()).update();
        }
        return inserted;
    }

    /** Inserts the records whose sources are not recorded yet, in one batch. */
    void insertAll(List<AmlTransaction> records, List<String> sourceRefs, Instant now) {
        List<Object[]> rows = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            rows.add(row(records.get(i), sourceRefs.get(i), now));
        }
        batch.batchUpdate(INSERT, rows);
        // one statement for the batch's pending rows, not one each
        jdbc.sql(PENDING_ALL).param(records.stream().map(AmlTransaction::id).toArray(String[]::new)).update();
    }

    private static Object[] row(AmlTransaction t, String sourceRef, Instant now) {
        return new Object[] {t.id(), sourceRef, t.kind(), t.customer(), t.customerType(), t.direction(), t.counterparty(), t.merchant(),
                t.reference(), t.amount(), t.currency(), t.crossBorder(), t.cash(), DbTimes.at(t.occurredAt()), t.businessDay(),
                DbTimes.at(now)};
    }

    Optional<AmlTransaction> bySource(String sourceRef) {
        return jdbc.sql("select " + TXN_COLUMNS + " from aml_transaction where source_ref = ?").params(sourceRef)
                .query(AmlStore::txn).optional();
    }

    /** Takes the evaluator's lock until the transaction ends and counts a batch: answers the count before it. */
    long lockEvaluator() {
        jdbc.sql("update aml_evaluator set batches = batches + 1 where name = 'evaluator'").update();
        return jdbc.sql("select batches from aml_evaluator where name = 'evaluator'").query(Long.class).single() - 1;
    }

    List<AmlTransaction> pending(int max) {
        return jdbc.sql("select " + PREFIXED_COLUMNS + " from aml_pending p join aml_transaction t on t.id = p.id order by p.id limit ?")
                .params(max).query(AmlStore::txn).list();
    }

    void evaluated(Collection<String> ids) {
        jdbc.sql("delete from aml_pending where id = any(?)").param(ids.toArray(String[]::new)).update();
    }

    /** The customers' movements with {@code from <= occurred_at}, by customer, each list in time order. */
    @Override
    public Map<String, List<AmlTransaction>> customersFrom(Collection<String> customers, Instant from) {
        Map<String, List<AmlTransaction>> out = new HashMap<>();
        jdbc.sql("select " + TXN_COLUMNS + " from aml_transaction where customer = any(?) and occurred_at >= ? order by occurred_at, id")
                .params(customers.toArray(String[]::new), DbTimes.at(from)).query(AmlStore::txn).list()
                .forEach(t -> out.computeIfAbsent(t.customer(), c -> new ArrayList<>()).add(t));
        return out;
    }

    @Override
    public Map<String, Instant> lastBefore(Collection<String> customers, Instant before) {
        Map<String, Instant> out = new HashMap<>();
        jdbc.sql("select customer, max(occurred_at) from aml_transaction where customer = any(?) and occurred_at < ? group by customer")
                .params(customers.toArray(String[]::new), DbTimes.at(before))
                .query((rs, i) -> Map.entry(rs.getString(1), DbTimes.instant(rs, 2))).list()
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    Optional<ReportRow> reportByKey(String type, String rule, String customer, LocalDate day) {
        return jdbc.sql("select " + REPORT_COLUMNS + " from aml_report where type = ? and rule = ? and customer = ? and business_day = ?")
                .params(type, rule, customer, day).query(AmlStore::report).optional();
    }

    void insertReport(ReportRow r) {
        jdbc.sql("insert into aml_report (" + REPORT_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.type(), r.rule(), r.customer(), r.customerType(), r.businessDay(), DbTimes.at(r.createdAt()),
                        DbTimes.at(r.updatedAt()))
                .update();
    }

    /** Links the transactions to the report; answers how many were new to it. */
    int link(String reportId, List<String> transactionIds, Instant now) {
        int added = 0;
        for (String id : transactionIds) {
            added += jdbc.sql("insert into aml_report_transaction (report_id, transaction_id) select ?, ? from aml_evaluator"
                            + " where name = 'evaluator' and not exists (select 1 from aml_report_transaction where report_id = ?"
                            + " and transaction_id = ?)")
                    .params(reportId, id, reportId, id).update();
        }
        if (added > 0) {
            jdbc.sql("update aml_report set updated_at = ? where id = ?").params(DbTimes.at(now), reportId).update();
        }
        return added;
    }

    Optional<ReportRow> report(String id) {
        return jdbc.sql("select " + REPORT_COLUMNS + " from aml_report where id = ?").params(id).query(AmlStore::report).optional();
    }

    /** A page of reports by the filters, newest first. */
    io.huitong.kernel.Page<ReportRow> reports(AmlReportQuery query, io.huitong.kernel.PageRequest page) {
        List<Object> params = new ArrayList<>();
        String where = filter(query, params);
        io.huitong.kernel.PageRequest.Query q = page.byId("select " + REPORT_COLUMNS + " from aml_report", where, params, "id");
        return io.huitong.kernel.Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(AmlStore::report).list(), page);
    }

    /** The newest {@code limit} reports by the filters, for an export. */
    List<ReportRow> reports(String type, LocalDate day, String customer, int limit) {
        List<Object> params = new ArrayList<>();
        String where = filter(AmlReportQuery.of(type, day, customer), params);
        params.add(limit);
        return jdbc.sql("select " + REPORT_COLUMNS + " from aml_report" + (where.isEmpty() ? "" : " where " + where)
                + " order by id desc limit ?").params(params).query(AmlStore::report).list();
    }

    /** The filters' condition ("" for none), their values added to {@code params}. */
    private static String filter(AmlReportQuery query, List<Object> params) {
        List<String> where = new ArrayList<>();
        if (query.type() != null) {
            where.add("type = ?");
            params.add(query.type());
        }
        if (query.rule() != null) {
            where.add("rule = ?");
            params.add(query.rule());
        }
        if (query.businessDay() != null) {
            where.add("business_day = ?");
            params.add(query.businessDay());
        }
        if (query.since() != null) {
            where.add("business_day >= ?");
            params.add(query.since());
        }
        if (query.customer() != null) {
            where.add("customer = ?");
            params.add(query.customer());
        }
        return String.join(" and ", where);
    }

    List<AmlTransaction> reportTransactions(String reportId) {
        return jdbc.sql("select " + TXN_COLUMNS.replaceAll("(\\w+)", "t.$1") + " from aml_report_transaction l"
                        + " join aml_transaction t on t.id = l.transaction_id where l.report_id = ? order by t.occurred_at, t.id")
                .params(reportId).query(AmlStore::txn).list();
    }

    static Txn domain(AmlTransaction t) {
        return new Txn(t.id(), t.customer(), AmlTransaction.ORGANISATION.equals(t.customerType()), AmlTransaction.DEBIT.equals(t.direction()),
                t.counterparty(), t.amount(), t.currency(), t.crossBorder(), t.cash(), t.occurredAt(), t.businessDay());
    }

    private static AmlTransaction txn(ResultSet rs, int row) throws SQLException {
        return new AmlTransaction(rs.getString(1), AmlTransaction.OBJECT, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getString(10), rs.getBoolean(11), rs.getBoolean(12),
                DbTimes.instant(rs, 13), rs.getObject(14, LocalDate.class));
    }

    private static ReportRow report(ResultSet rs, int row) throws SQLException {
        return new ReportRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getObject(6, LocalDate.class), DbTimes.instant(rs, 7), DbTimes.instant(rs, 8));
    }
}
