package io.huitong.operators.internal;

import io.huitong.identity.OperatorRole;
import io.huitong.identity.StaffPasswords;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.operators.NewOperator;
import io.huitong.operators.Operator;
import io.huitong.operators.OperatorLogin;
import io.huitong.operators.OperatorSession;
import io.huitong.operators.Operators;
import io.huitong.operators.TotpEnrollment;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Operators' accounts in the database: created (active, or pending a security administrator's approval of their
 * roles), listed, disabled and their second factor reset; passwords kept as Argon2id hashes. Logins, enrolment and
 * sessions are {@link OperatorLogins}'.
 */
final class OperatorAccounts implements Operators {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final OperatorLogins logins;
    private final Clock clock;
    private final Ids ids;

    OperatorAccounts(JdbcClient jdbc, PasswordEncoder passwords, OperatorLogins logins, Clock clock, Ids ids) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.logins = logins;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public Operator create(NewOperator request) {
        return insert(request, Operator.ACTIVE);
    }

    @Override
    public Operator createPending(NewOperator request) {
        return insert(request, Operator.PENDING);
    }

    @Override
    public Operator activate(String operatorId) {
        int updated = jdbc.sql("update operator_account set status = ?, updated_at = ? where id = ? and status = ?")
                .params(Operator.ACTIVE, DbTimes.at(now()), operatorId, Operator.PENDING).update();
        Operator operator = find(operatorId).orElseThrow(() -> ApiException.notFound("operator", operatorId));
        if (updated == 0) {
            throw ApiException.conflict("operator_unexpected_state", "The operator is " + operator.status() + ", not pending.");
        }
        return operator;
    }

    @Override
    public boolean anyActive(OperatorRole role) {
        // roles are kept comma-separated: match the whole name, so that one role's name inside another's never counts
        return jdbc.sql("select count(*) from operator_account where status = ? and ',' || roles || ',' like ?")
                .params(Operator.ACTIVE, "%," + role.wireName() + ",%").query(Long.class).single() > 0;
    }

    private Operator insert(NewOperator request, String status) {
        StaffPasswords.check(request.password(), request.email());
        Instant now = now();
        String id = ids.next("op");
        Set<OperatorRole> roles = request.roleSet();
        try {
            jdbc.sql("insert into operator_account (id, email, name, roles, password_hash, status, created_at, updated_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, request.email(), request.name(), OperatorRows.roles(roles), passwords.encode(request.password()), status,
                            DbTimes.at(now), DbTimes.at(now))
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("email_taken", "An operator with this email exists.");
        }
        return new Operator(id, request.email(), request.name(), roles, false, status, now);
    }

    @Override
    public Optional<Operator> find(String operatorId) {
        return OperatorRows.find(jdbc, operatorId);
    }

    @Override
    public Page<Operator> list(PageRequest page) {
        PageRequest.Query q = page.byId("select " + OperatorRows.COLUMNS + " from operator_account", "", List.of(), "id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(OperatorRows::operator).list(), page);
    }

    @Override
    public Operator disable(String operatorId) {
        Instant now = now();
        int updated = jdbc.sql("update operator_account set status = ?, enrollment_token_hash = null, enrollment_expires_at = null,"
                        + " pending_totp_secret = null, updated_at = ? where id = ?")
                .params(Operator.DISABLED, DbTimes.at(now), operatorId).update();
        if (updated == 0) {
            throw ApiException.notFound("operator", operatorId);
        }
        jdbc.sql("update operator_session set revoked_at = ? where operator_id = ? and revoked_at is null")
                .params(DbTimes.at(now), operatorId).update();
        return find(operatorId).orElseThrow();
    }

    @Override
    public Operator resetMfa(String operatorId) {
        Instant now = now();
        int updated = jdbc.sql("update operator_account set totp_secret = null, totp_last_step = null, pending_totp_secret = null,"
                        + " enrollment_token_hash = null, enrollment_expires_at = null, updated_at = ? where id = ?")
                .params(DbTimes.at(now), operatorId).update();
        if (updated == 0) {
            throw ApiException.notFound("operator", operatorId);
        }
        jdbc.sql("update operator_session set revoked_at = ? where operator_id = ? and revoked_at is null")
                .params(DbTimes.at(now), operatorId).update();
        return find(operatorId).orElseThrow();
    }

    @Override
    public int endAllSessions() {
        Instant now = now();
        return jdbc.sql("update operator_session set revoked_at = ? where revoked_at is null and expires_at > ?")
                .params(DbTimes.at(now), DbTimes.at(now)).update();
    }

    @Override
    public OperatorSession login(OperatorLogin request, String clientAddress) {
        return logins.login(request, clientAddress);
    }

    @Override
    public TotpEnrollment beginTotpEnrollment(String enrollmentToken) {
        return logins.beginTotpEnrollment(enrollmentToken);
    }

    @Override
    public OperatorSession confirmTotpEnrollment(String enrollmentToken, String code, String clientAddress) {
        return logins.confirmTotpEnrollment(enrollmentToken, code, clientAddress);
    }

    @Override
    public void logout(String token) {
        logins.logout(token);
    }

    private Instant now() {
        return DbTimes.now(clock);
    }
}
