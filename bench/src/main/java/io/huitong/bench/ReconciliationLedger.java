package io.huitong.bench;

import static io.huitong.bench.ReconciliationData.ACQUIRER;
import static io.huitong.bench.ReconciliationData.CAPTURE_MICROS;
import static io.huitong.bench.ReconciliationData.CLEARING;
import static io.huitong.bench.ReconciliationData.FEE_BPS;
import static io.huitong.bench.ReconciliationData.FEE_REVENUE;
import static io.huitong.bench.ReconciliationData.at;
import static io.huitong.bench.ReconciliationData.digits;
import static io.huitong.bench.BenchSupport.field;

import io.huitong.payments.domain.Fees;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The ledger's side of the reconciliation benchmark. The merchants are onboarded and the ledger accounts their card
 * payments post to opened through the operator API, as the platform opens them. The payments ({@link ReconciliationData})
 * are then written in bulk, as the payments core and the ledger leave them: the {@code payment} rows (succeeded, card,
 * captured, channel {@code acq_a}, the merchant's fee of 0.6 %) by COPY in time order; per payment the ledger's pair
 * {@code pay_x:capture} (code {@code payment}, reference {@code pay_x}, {@code platform:card_clearing:CNY} to the
 * merchant's pending balance) and {@code pay_x:fee} (code {@code payment_fee}, pending balance to
 * {@code platform:fee_revenue:CNY}), each with its two posted entries stamped a second after the payment, as the capture
 * posts them; then the accounts' totals, which must equal the sum of their entries for the ledger's check to pass.
 */
final class ReconciliationLedger {

    private ReconciliationLedger() {
    }

    /** Onboards the merchants (T1, 0.6 %) and opens the ledger accounts their card payments post to; answers their ids. */
    static List<String> open(BenchPlatform platform, HttpClient http, int count) {
        List<String> merchants = new ArrayList<>();
        List<String[]> accounts = new ArrayList<>();
        accounts.add(new String[] {CLEARING, "asset", "platform"});
        accounts.add(new String[] {FEE_REVENUE, "revenue", "platform"});
        for (int i = 1; i <= count; i++) {
            String id = field(platform.post(http, "/v1/admin/merchants", String.format(Locale.ROOT, "{\"name\":\"Card Shop %03d\","
                    + "\"email\":\"cards%03d@bench.example\",\"default_currency\":\"CNY\",\"settlement_schedule\":\"T1\",\"fee_percent_bps\":%d}",
                    i, i, FEE_BPS), 201), "id");
            merchants.add(id);
            accounts.add(new String[] {id + ":pending:CNY", "liability", id});
            accounts.add(new String[] {id + ":available:CNY", "liability", id});
        }
        for (String[] a : accounts) {
            platform.post(http, "/v1/admin/ledger/accounts", "{\"id\":\"" + a[0] + "\",\"currency\":\"CNY\",\"type\":\"" + a[1]
                    + "\",\"owner_ref\":\"" + a[2] + "\"}", 201);
        }
        return merchants;
    }

    /** Writes the payments and their ledger transfers and entries, and the accounts' totals. */
    static void seed(Connection c, ReconciliationData data) throws SQLException {
        int n = data.payments();
        try (Statement s = c.createStatement()) {
            s.execute("set synchronous_commit = off");
            s.execute("set work_mem = '256MB'");
            s.execute("set maintenance_work_mem = '256MB'");
        }
        if (count(c, "select count(*) from payment") != 0 || count(c, "select count(*) from ledger_transfer") != 0) {
            throw new IllegalStateException("the scratch database has payments or transfers already");
        }
        step("payment rows (COPY)", () -> {
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy payment (id, merchant_id, amount, currency, status, capture_method,"
                    + " amount_capturable, amount_received, amount_refunded, fee, method_type, card_brand, card_last4, card_exp_month,"
                    + " card_exp_year, channel, authorization_code, resolve_attempts, created_at, updated_at, risk_decision, risk_score,"
                    + " risk_reasons) from stdin (format csv)");
            StringBuilder b = new StringBuilder(1 << 21);
            for (int i = 0; i < n; i++) {
                long details = data.details(i);
                int amount = data.amount(i);
                b.append(data.id(i)).append(',').append(data.merchant(i)).append(',').append(amount).append(",CNY,succeeded,automatic,0,")
                        .append(amount).append(",0,").append(Fees.of(amount, FEE_BPS, 0)).append(",card,unionpay,")
                        .append(digits(details % 10_000, 4)).append(",12,2031,").append(ACQUIRER).append(',')
                        .append(digits(details / 10_000 % 1_000_000, 6)).append(",0,").append(at(data.created(i))).append(',')
                        .append(at(data.created(i) + CAPTURE_MICROS)).append(",allow,").append(details / 10_000_000_000L % 40).append(",model_score\n");
                if (b.length() >= 1 << 20) {
                    flush(in, b);
                }
            }
            flush(in, b);
            in.endCopy();
        });
        step("ledger transfers", () -> update(c, "insert into ledger_transfer (id, kind, debit_account_id, credit_account_id, amount, currency,"
                + " code, reference, created_at) select x.id, 'POSTED', x.debit, x.credit, x.amount, 'CNY', x.code, x.reference, x.at from ("
                + "   select p.id || ':capture' as id, '" + CLEARING + "' as debit, p.merchant_id || ':pending:CNY' as credit, p.amount,"
                + "          'payment' as code, p.id as reference, p.updated_at as at, 0 as o from payment p"
                + "   union all"
                + "   select p.id || ':fee', p.merchant_id || ':pending:CNY', '" + FEE_REVENUE + "', p.fee, 'payment_fee', p.id, p.updated_at, 1"
                + "   from payment p where p.fee > 0"
                + " ) x order by x.at, x.reference, x.o"));
        step("ledger entries", () -> update(c, "insert into ledger_entry (transfer_id, account_id, currency, layer, direction, amount, created_at)"
                + " select t.id, e.account_id, t.currency, 'posted', e.direction, t.amount, t.created_at from ledger_transfer t"
                + " cross join lateral (values (t.debit_account_id, 'debit', 0), (t.credit_account_id, 'credit', 1)) as e(account_id, direction, o)"
                + " order by t.created_at, t.id, e.o"));
        step("account totals", () -> update(c, "update ledger_account a set debits_posted = a.debits_posted + s.debits,"
                + " credits_posted = a.credits_posted + s.credits from (select account_id,"
                + " sum(case when direction = 'debit' then amount else 0 end) as debits,"
                + " sum(case when direction = 'credit' then amount else 0 end) as credits"
                + " from ledger_entry group by account_id) s where a.id = s.account_id"));
        // a day of traffic gives autovacuum time to come by: matching plans on statistics and reads visible tuples
        step("vacuum analyze", () -> {
            try (Statement s = c.createStatement()) {
                for (String table : List.of("payment", "ledger_account", "ledger_account_shard", "ledger_transfer", "ledger_entry")) {
                    s.execute("vacuum (analyze) " + table);
                }
            }
        });
        System.out.printf(Locale.ROOT, "  %,d transfers, %,d entries; ledger_entry %s, ledger_transfer %s, payment %s%n",
                count(c, "select count(*) from ledger_transfer"), count(c, "select count(*) from ledger_entry"), size(c, "ledger_entry"),
                size(c, "ledger_transfer"), size(c, "payment"));
    }

    private interface Work {
        void run() throws SQLException;
    }

    private static void step(String what, Work work) throws SQLException {
        long t = System.nanoTime();
        work.run();
        System.out.printf(Locale.ROOT, "  %-40s %6.1f s%n", what, BenchSupport.seconds(t));
    }

    private static void flush(CopyIn in, StringBuilder b) throws SQLException {
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        b.setLength(0);
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String size(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_size_pretty(pg_total_relation_size('" + table + "'))")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
