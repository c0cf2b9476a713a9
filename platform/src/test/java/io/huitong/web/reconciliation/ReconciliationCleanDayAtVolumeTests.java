package io.huitong.web.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.protocols.iso20022.Statement;
import io.huitong.reconciliation.Reconciliation;
import io.huitong.reconciliation.Reconciliations;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A clean day of mixed traffic at volume: at least {@value #LINES} statement lines over every channel, and every one
 * of them matches, with no break of any class.
 *
 * <p>Sending that many operations through the platform would take far too long for the suite, so the day is a real
 * sample amplified on both sides. The sample is real traffic through the API against the simulated channels: card
 * payments and refunds on both acquirers, bank transfers in and a refund of one, payouts and wallet withdrawals out
 * through the bank, e-CNY and QR payments and refunds. Each channel's statement of the day is fetched from the
 * simulator as it serves it. Then every record behind a statement line is cloned in SQL, {@code copies - 1} times,
 * each copy under fresh references of the same form (a new id of the same type, a new channel reference of the same
 * shape), and each statement is written again with its lines {@code copies} times over, the copies under the same
 * fresh references, by the protocols' writers (so that the acquirer's trailer, the bills' totals and the camt.053's
 * summary and closing balance follow from the lines).
 *
 * <p>What is cloned is what matching reads, as the real flows wrote it: the ledger transfers of our reference that
 * touch a clearing account (a payment's capture, a refund, a payout's or withdrawal's hold and its posting), each
 * with all of its entries so that every copy balances, the payments and refunds (their channel tells the acquirers
 * apart; a payment's channel reference is read for records left over), and the totals of the accounts the copies
 * move, so that the ledger check holds. Payouts and withdrawals keep their one row: matching reads only their
 * transfers.
 */
abstract class ReconciliationCleanDayAtVolumeTests extends ReconciliationFixtures {

    /** Statement lines of the day over every channel, at least. */
    static final int LINES = 100_000;
    /** The longest matching may take, for any one statement, before the test gives up on it. */
    static final Duration MATCHING_TIMEOUT = Duration.ofMinutes(5);

    @Autowired
    Reconciliations reconciliations;

    @Autowired
    DataSource dataSource;

    @Test
    void aCleanDayOfAHundredThousandLinesMatchesEveryLineWithoutABreak() throws Exception {
        long started = System.nanoTime();
        sampleTraffic();
        LocalDate day = today();
        Map<String, AmplifiedStatement> sample = new LinkedHashMap<>();
        sample.put("acq_a", AmplifiedStatement.AcquirerFile.read(statement("acq_a", day)));
        sample.put("acq_b", AmplifiedStatement.AcquirerFile.read(statement("acq_b", day)));
        sample.put("bank", AmplifiedStatement.BankFile.read(statement("bank", day)));
        sample.put("ecny", AmplifiedStatement.EcnyFile.read(statement("ecny", day)));
        sample.put("walletpay", AmplifiedStatement.WalletFile.read(statement("walletpay", day)));
        assertThat(sample.get("acq_a").lines()).as("4 sales, 3 refunds, the 2 paid-out merchants' sales").isEqualTo(9);
        assertThat(sample.get("acq_b").lines()).as("2 sales that failed over, a refund").isEqualTo(3);
        assertThat(sample.get("bank").lines()).as("2 transfers in, a return, 2 payouts, 2 withdrawals").isEqualTo(7);
        assertThat(sample.get("ecny").lines()).as("2 payments, a refund").isEqualTo(3);
        assertThat(sample.get("walletpay").lines()).as("2 payments, a refund").isEqualTo(3);
        int sampleLines = sample.values().stream().mapToInt(AmplifiedStatement::lines).sum();
        int copies = (LINES + sampleLines - 1) / sampleLines;
        long trafficDone = System.nanoTime();

        // fresh references for every copy but the first (the sample itself): ours, the channels', the idempotency keys
        Set<String> references = new LinkedHashSet<>();
        sample.values().forEach(s -> references.addAll(s.references()));
        Set<String> originals = new LinkedHashSet<>(references);
        sample.values().forEach(s -> originals.addAll(s.channelReferences()));
        Set<String> recorded = new LinkedHashSet<>(references);
        recorded.addAll(recordKeys(references));
        originals.addAll(recorded);
        FreshReferences fresh = new FreshReferences(copies, originals);
        Seeding seeding = amplifyRecords(fresh, references, recorded);
        long seeded = System.nanoTime();

        Map<String, byte[]> files = new LinkedHashMap<>();
        sample.forEach((channel, s) -> files.put(channel, s.amplified(copies, fresh)));
        long written = System.nanoTime();

        String database = databaseName();
        System.out.printf("%nA clean day at volume on %s: %d sample lines (%s), %d copies each%n", database, sampleLines,
                sample.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().lines()).collect(Collectors.joining(", ")), copies);
        System.out.printf("sample traffic %.1f s; records cloned in %.1f s (%d payments, %d refunds, %d transfers, %d entries); statements"
                        + " written in %.1f s%n", seconds(started, trafficDone), seconds(trafficDone, seeded), seeding.payments(), seeding.refunds(),
                seeding.transfers(), seeding.entries(), seconds(seeded, written));
        System.out.printf("%-10s %8s %10s %10s%n", "channel", "lines", "import s", "matching s");

        long total = 0;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String channel = file.getKey();
            long expected = (long) sample.get(channel).lines() * copies;
            long importStarted = System.nanoTime();
            Reconciliation r = reconciliations.importStatement(channel, day, new ByteArrayInputStream(file.getValue()), "admin");
            long imported = System.nanoTime();
            r = awaitMatching(r);
            long matched = System.nanoTime();
            System.out.printf("%-10s %,8d %10.1f %10.1f%n", channel, r.total(), seconds(importStarted, imported), seconds(imported, matched));

            assertThat(r.status()).as(channel + ": " + r).isEqualTo(Reconciliation.COMPLETED);
            assertThat(r.total()).as(channel + " lines").isEqualTo(expected);
            assertThat(r.done()).isEqualTo(expected);
            assertThat(r.counts().breaks()).as(channel + ": no break of any class: " + r.counts()).isZero();
            assertThat(r.counts().matched()).as(channel + ": every line matched: " + r.counts()).isEqualTo(expected);
            assertThat(breaks(r.id(), null)).as(channel + " breaks").isEmpty();
            assertThat(breaks(r.id(), "matched")).as(channel + ": every line matched by the same day's reference").isEmpty();
            if (channel.equals("bank")) {
                AmplifiedStatement.BankFile bank = (AmplifiedStatement.BankFile) sample.get(channel);
                Reconciliation.Reserve reserve = r.reserve();
                assertThat(reserve.credits()).isEqualTo(bank.credits() * copies);
                assertThat(reserve.debits()).isEqualTo(bank.debits() * copies);
                assertThat(reserve.closing()).as("the statement rolls forward").isEqualTo(reserve.opening() + reserve.credits() - reserve.debits());
                assertThat(reserve.ledgerCredits()).as("the ledger's money in: " + reserve).isEqualTo(reserve.credits());
                assertThat(reserve.ledgerDebits()).as("the ledger's money out: " + reserve).isEqualTo(reserve.debits());
                assertThat(reserve.ledgerBalance()).isEqualTo(reserve.closing());
                assertThat(reserve.difference()).isZero();
            } else {
                assertThat(r.reserve()).isNull();
            }
            total += r.total();
        }
        assertThat(total).isGreaterThanOrEqualTo(LINES);
        long checkStarted = System.nanoTime();
        assertLedgerBalanced();
        long done = System.nanoTime();
        System.out.printf("%-10s %,8d; the ledger check %.1f s; %.1f s in all%n%n", "all", total, seconds(checkStarted, done), seconds(started, done));
    }

    /** A day of every kind of traffic, a few of each. */
    private void sampleTraffic() {
        String a1 = payByCard(1_000);
        String a2 = payByCard(2_500);
        payByCard(3_150);
        payByCard(990);
        refund(a1, 300);
        refund(a1, 200);
        refund(a2, 2_500);
        String b1 = payByCard(4_200, FAILS_OVER).path("id").asString();
        payByCard(1_750, FAILS_OVER);
        refund(b1, 1_000);
        String bank = payByBankTransfer(12_000);
        payByBankTransfer(6_600);
        refund(bank, 2_000);
        String ecny = payByEcny(3_300);
        payByEcny(800);
        refund(ecny, 1_300);
        String qr = payByQr(2_599);
        payByQr(1_288);
        refund(qr, 599);
        payout(8_800);
        payout(5_100);
        withdrawal(700);
        withdrawal(1_250);
    }

    // ---- our records, cloned ----

    /** What the cloning wrote. */
    record Seeding(long payments, long refunds, long transfers, long entries) {
    }

    /**
     * What else of the payments and refunds behind the lines their copies take fresh: the idempotency keys, unique per
     * merchant, and the payments' channel references.
     */
    private List<String> recordKeys(Set<String> references) {
        List<String> keys = new ArrayList<>();
        for (String table : List.of("payment", "refund")) {
            keys.addAll(jdbc.sql("select idempotency_key from " + table + " where id in (:ids) and idempotency_key is not null")
                    .param("ids", references).query(String.class).list());
        }
        keys.addAll(jdbc.sql("select channel_reference from payment where id in (:ids) and channel_reference is not null")
                .param("ids", references).query(String.class).list());
        return keys;
    }

    /**
     * Clones every record behind the sample's lines under each copy's fresh references, which SQL derives as
     * {@link FreshReferences} does from the originals ({@code volume_original}) and the copies' numbers ({@code volume_copy}):
     * scratch tables, dropped when done.
     */
    private Seeding amplifyRecords(FreshReferences fresh, Set<String> references, Set<String> recorded) {
        jdbc.sql("create table volume_original (original varchar(255) primary key, idx integer not null)").update();
        jdbc.sql("create table volume_copy (n integer primary key)").update();
        try {
            List<Object> rows = new ArrayList<>();
            recorded.forEach(o -> {
                rows.add(o);
                rows.add(fresh.index(o));
            });
            insertRows("volume_original (original, idx)", 2, rows);
            rows.clear();
            for (int n = 1; n < fresh.copies(); n++) {
                rows.add(n);
            }
            insertRows("volume_copy (n)", 1, rows);

            long payments = cloneRows("payment", "p", Set.of(), Map.of("id", fresh.sql("o"),
                    "channel_reference", "coalesce(" + fresh.sql("oc") + ", p.channel_reference)",
                    "idempotency_key", "coalesce(" + fresh.sql("ok") + ", p.idempotency_key)"),
                    "from payment p join volume_original o on o.original = p.id cross join volume_copy c"
                    + " left join volume_original oc on oc.original = p.channel_reference"
                    + " left join volume_original ok on ok.original = p.idempotency_key");
            long refunds = cloneRows("refund", "r", Set.of(), Map.of("id", fresh.sql("o"), "payment_id", fresh.sql("op"),
                    "idempotency_key", "coalesce(" + fresh.sql("ok") + ", r.idempotency_key)"),
                    "from refund r join volume_original o on o.original = r.id join volume_original op on op.original = r.payment_id"
                    + " cross join volume_copy c left join volume_original ok on ok.original = r.idempotency_key");

            // the transfers matching groups by our reference (a refund's own id, else the transfer's reference) that touch a
            // clearing account, each with all of its entries: their ids, references and the holds they post carry the
            // reference, which each copy replaces
            String ourReference = "case when t.code = 'refund' then t.id else coalesce(t.reference, t.id) end";
            List<String> behindLines = jdbc.sql("select t.id from ledger_transfer t where " + ourReference + " in (:references)"
                    + " and exists (select 1 from ledger_entry e where e.transfer_id = t.id and e.account_id like 'platform:%clearing:%')")
                    .param("references", references).query(String.class).list();
            String copiedTransfer = "from ledger_transfer t join volume_original o on o.original = " + ourReference + " cross join volume_copy c"
                    + " left join volume_original tr on tr.original = t.reference where t.id in (:transfers)";
            String transferId = "case when t.id = o.original then " + fresh.sql("o") + " else replace(t.id, o.original, " + fresh.sql("o") + ") end";
            Map<String, Object> params = Map.of("transfers", behindLines);
            long transfers = cloneRows("ledger_transfer", "t", Set.of(), Map.of("id", transferId, "reference", "coalesce(" + fresh.sql("tr")
                    + ", t.reference)", "pending_id", "replace(t.pending_id, o.original, " + fresh.sql("o") + ")", "reverses_id",
                    "replace(t.reverses_id, o.original, " + fresh.sql("o") + ")"), copiedTransfer, params);
            long entries = cloneRows("ledger_entry", "e", Set.of("id"), Map.of("transfer_id", transferId),
                    "from ledger_entry e join ledger_transfer t on t.id = e.transfer_id join volume_original o on o.original = " + ourReference
                    + " cross join volume_copy c where t.id in (:transfers)", params);
            assertThat(transfers).as("copies of the transfers behind the lines").isEqualTo((long) behindLines.size() * (fresh.copies() - 1));

            // every copy of a transfer moves the same accounts by the same amounts: their totals take it, as the ledger's would
            List<Object[]> moved = jdbc.sql("select account_id, layer, direction, sum(amount) from ledger_entry where transfer_id in (:transfers)"
                    + " group by account_id, layer, direction").params(params)
                    .query((rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)}).list();
            for (Object[] m : moved) {
                String column = (m[2].equals("debit") ? "debits_" : "credits_") + (m[1].equals("posted") ? "posted" : "pending");
                assertThat(jdbc.sql("update ledger_account set " + column + " = " + column + " + ? where id = ?")
                        .params((Long) m[3] * (fresh.copies() - 1), m[0]).update()).isEqualTo(1);
            }
            return new Seeding(payments, refunds, transfers, entries);
        } finally {
            jdbc.sql("drop table volume_copy").update();
            jdbc.sql("drop table volume_original").update();
        }
    }

    /**
     * Inserts into {@code table} a copy of each row the query {@code from} (which names the table as {@code alias})
     * gives: every column as it is, but those {@code replaced} with another expression and those {@code omitted}
     * (generated). Answers how many rows it wrote.
     */
    private long cloneRows(String table, String alias, Set<String> omitted, Map<String, String> replaced, String from) {
        return cloneRows(table, alias, omitted, replaced, from, Map.of());
    }

    private long cloneRows(String table, String alias, Set<String> omitted, Map<String, String> replaced, String from, Map<String, ?> params) {
        List<String> columns = jdbc.sql("select * from " + table + " where 1 = 0").query(rs -> {
            ResultSetMetaData md = rs.getMetaData();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(md.getColumnName(i).toLowerCase(Locale.ROOT));
            }
            return out;
        });
        assertThat(columns).as(table).containsAll(replaced.keySet()).containsAll(omitted);
        List<String> copied = columns.stream().filter(c -> !omitted.contains(c)).toList();
        String select = copied.stream().map(c -> replaced.getOrDefault(c, alias + "." + c)).collect(Collectors.joining(", "));
        return jdbc.sql("insert into " + table + " (" + String.join(", ", copied) + ") select " + select + " " + from).params(params).update();
    }

    /** A multi-row insert of {@code values} (flattened rows of {@code width}), a thousand rows a statement. */
    private void insertRows(String into, int width, List<Object> values) {
        int perStatement = 1_000 * width;
        for (int from = 0; from < values.size(); from += perStatement) {
            List<Object> chunk = values.subList(from, Math.min(values.size(), from + perStatement));
            String row = "(" + String.join(", ", java.util.Collections.nCopies(width, "?")) + ")";
            jdbc.sql("insert into " + into + " values " + String.join(", ", java.util.Collections.nCopies(chunk.size() / width, row)))
                    .params(chunk).update();
        }
    }

    private String databaseName() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName();
        }
    }

    private Reconciliation awaitMatching(Reconciliation r) {
        long deadline = System.nanoTime() + MATCHING_TIMEOUT.toNanos();
        while (r.status().equals(Reconciliation.MATCHING) && System.nanoTime() < deadline) {
            sleep(50);
            r = reconciliations.find(r.id()).orElseThrow();
        }
        return r;
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
