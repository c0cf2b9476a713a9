package io.huitong.settlement.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.settlement.BankAccountView;
import io.huitong.settlement.Payout;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Payouts in the database. The bank account number is kept sealed, as the merchant's settlement account is. */
final class PayoutStore {

    private static final String COLUMNS = "id, merchant_id, settlement_id, amount, currency, bank_code, account_last4, account_name, status,"
            + " failure_code, failure_message, approval_id, arrival_date, created_at, updated_at";

    private final JdbcClient jdbc;

    PayoutStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Payout p, String accountSealed, String requestedBy) {
        jdbc.sql("insert into payout (id, merchant_id, settlement_id, amount, currency, bank_code, account_sealed, account_last4, account_name,"
                        + " status, requested_by, approval_id, resolve_after, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(p.id(), p.merchant(), p.settlement(), p.amount(), p.currency(), p.bankAccount().bankCode(), accountSealed,
                        last4(p.bankAccount()), p.bankAccount().accountName(), p.status(), requestedBy, p.approval(),
                        DbTimes.at(p.createdAt()), DbTimes.at(p.createdAt()), DbTimes.at(p.createdAt()))
                .update();
    }

    private static String last4(BankAccountView view) {
        String shown = view.accountNumber();
        return shown.substring(shown.length() - 4);
    }

    /** The payout, locked for the rest of the transaction. */
    Optional<Payout> lock(String id) {
        return jdbc.sql("select " + COLUMNS + " from payout where id = ? for update").param(id).query(PayoutStore::payout).optional();
    }

    Optional<Payout> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from payout where id = ?").param(id).query(PayoutStore::payout).optional();
    }

    String sealedAccount(String id) {
        return jdbc.sql("select account_sealed from payout where id = ?").param(id).query(String.class).single();
    }

    Page<Payout> list(String merchantId, PageRequest page) {
        PageRequest.Query q = merchantId == null
                ? page.byId("select " + COLUMNS + " from payout", "", List.of(), "id")
                : page.byId("select " + COLUMNS + " from payout", "merchant_id = ?", List.of(merchantId), "id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(PayoutStore::payout).list(), page);
    }

    void setApproval(String id, String approvalId) {
        jdbc.sql("update payout set approval_id = ? where id = ?").params(approvalId, id).update();
    }

    void update(String id, String status, String failureCode, String failureMessage, LocalDate arrivalDate, Instant resolveAfter,
                Instant now) {
        jdbc.sql("update payout set status = ?, failure_code = ?, failure_message = ?, arrival_date = ?, resolve_after = ?, updated_at = ?"
                        + " where id = ?")
                .params(status, failureCode, failureMessage, arrivalDate == null ? null : Date.valueOf(arrivalDate),
                        resolveAfter == null ? null : DbTimes.at(resolveAfter), DbTimes.at(now), id)
                .update();
    }

    /** The bank's id of the return that sent the payout back; null while none did. */
    String returnReference(String id) {
        return jdbc.sql("select return_reference from payout where id = ?").param(id).query(String.class).optional().orElse(null);
    }

    /** A paid payout the bank sent back: failed, by the return named {@code returnReference}, its arrival date kept. */
    void returned(String id, String reason, String message, String returnReference, Instant now) {
        jdbc.sql("update payout set status = 'failed', failure_code = ?, failure_message = ?, return_reference = ?, resolve_after = null,"
                        + " updated_at = ? where id = ?")
                .params(reason, message, returnReference, DbTimes.at(now), id).update();
    }

    /** Payouts to ask the bank about, oldest first. */
    List<String> due(String status, Instant now, int max) {
        return jdbc.sql("select id from payout where status = ? and resolve_after <= ? order by resolve_after limit ?")
                .params(status, DbTimes.at(now), max).query(String.class).list();
    }

    /** A payout not sent yet, and the batch it is to go in (null: not in one yet). */
    record Unsent(String id, String batch) {
    }

    /**
     * Payouts still to send, oldest first, but for those of a settlement run still running: the run sends them together
     * once it is done.
     */
    List<Unsent> unsent(Instant now, int max) {
        return jdbc.sql("select p.id, p.batch_reference from payout p where p.status = 'pending' and p.resolve_after <= ?"
                        + " and not exists (select 1 from settlement s join settlement_run r on r.id = s.run_id"
                        + " where s.id = p.settlement_id and r.status = 'running') order by p.resolve_after limit ?")
                .params(DbTimes.at(now), max).query((rs, n) -> new Unsent(rs.getString(1), rs.getString(2))).list();
    }

    /**
     * Puts those of the payouts still pending and in no batch into this one, due to be sent again from {@code now} on should
     * the batch not be answered; answers how many it took.
     */
    int assignBatch(List<String> ids, String batch, Instant now) {
        return jdbc.sql("update payout set batch_reference = :batch, resolve_after = :now where id in (:ids) and status = 'pending'"
                        + " and batch_reference is null")
                .param("batch", batch).param("now", DbTimes.at(now)).param("ids", ids).update();
    }

    /** The payouts of a batch still to send, in the order they were opened. */
    List<String> pendingInBatch(String batch) {
        return jdbc.sql("select id from payout where batch_reference = ? and status = 'pending' order by id").param(batch)
                .query(String.class).list();
    }

    private static Payout payout(ResultSet rs, int n) throws SQLException {
        Date arrival = rs.getDate(13);
        return new Payout(rs.getString(1), Payout.OBJECT, rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                BankAccountView.masked(rs.getString(6), rs.getString(7), rs.getString(8)), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), arrival == null ? null : arrival.toLocalDate(), DbTimes.instant(rs, 14),
                DbTimes.instant(rs, 15));
    }
}
