package io.huitong.operators.internal;

import io.huitong.identity.OperatorRole;
import io.huitong.kernel.DbTimes;
import io.huitong.operators.Operator;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/** How an operator's account is read from its row: the columns, the row mapper and the roles kept comma-separated. */
final class OperatorRows {

    static final String COLUMNS = "id, email, name, roles, totp_secret is not null, status, created_at";

    private OperatorRows() {
    }

    static Optional<Operator> find(JdbcClient jdbc, String operatorId) {
        return jdbc.sql("select " + COLUMNS + " from operator_account where id = ?").params(operatorId).query(OperatorRows::operator).optional();
    }

    static String roles(Set<OperatorRole> roles) {
        return roles.stream().map(OperatorRole::wireName).collect(Collectors.joining(","));
    }

    static Set<OperatorRole> roles(String stored) {
        Set<OperatorRole> roles = EnumSet.noneOf(OperatorRole.class);
        Arrays.stream(stored.split(",")).map(OperatorRole::fromWire).flatMap(Optional::stream).forEach(roles::add);
        return roles;
    }

    static Operator operator(ResultSet rs, int row) throws SQLException {
        return new Operator(rs.getString(1), rs.getString(2), rs.getString(3), roles(rs.getString(4)), rs.getBoolean(5),
                rs.getString(6), DbTimes.instant(rs, 7));
    }
}
