package io.huitong.settlement.calendar;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.settlement.FxRates.FxRate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The exchange-rate history (V22): rows are only ever inserted. */
final class FxRateStore {

    private static final String COLUMNS = "select id, base, quote, rate, effective_at, created_at, created_by from fx_rate";

    private final JdbcClient jdbc;

    FxRateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(FxRate r) {
        jdbc.sql("insert into fx_rate (id, base, quote, rate, effective_at, created_at, created_by) values (?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.base(), r.quote(), r.rate(), DbTimes.at(r.effectiveAt()), DbTimes.at(r.createdAt()), r.createdBy())
                .update();
    }

    /** The pair's rate with the latest effective_at not after {@code at}; of equal ones, the one added last. */
    Optional<FxRate> inForce(String base, String quote, Instant at) {
        return jdbc.sql(COLUMNS + " where base = ? and quote = ? and effective_at <= ? order by effective_at desc, created_at desc, id desc limit 1")
                .params(base, quote, DbTimes.at(at))
                .query(FxRateStore::row).optional();
    }

    Page<FxRate> list(String base, String quote, PageRequest page) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (base != null) {
            conditions.add("base = ?");
            params.add(base);
        }
        if (quote != null) {
            conditions.add("quote = ?");
            params.add(quote);
        }
        PageRequest.Query query = page.byId(COLUMNS, String.join(" and ", conditions), params, "id");
        return Page.fromRows(jdbc.sql(query.sql()).params(query.params()).query(FxRateStore::row).list(), page);
    }

    private static FxRate row(ResultSet rs, int n) throws SQLException {
        return new FxRate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), DbTimes.instant(rs, 5),
                DbTimes.instant(rs, 6), rs.getString(7));
    }
}
