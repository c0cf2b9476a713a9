package io.huitong.ledger;

import static io.huitong.ledger.LedgerFixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Money;
import io.huitong.kernel.PageRequest;
import io.huitong.ledger.TransferResult.Code;
import io.huitong.ledger.jdbc.JdbcLedger;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestDatabases;
import io.huitong.testsupport.TestDatabases.TestDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the ledger promises, run against each database it supports. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerContract {

    TestDb db;
    MutableClock clock = MutableClock.startingNow();
    Ledger ledger;
    LedgerFixture fx;

    abstract TestDb database();

    @BeforeAll
    void open() {
        db = database().migrated();
        ledger = new JdbcLedger(db.dataSource(), clock);
        fx = new LedgerFixture(ledger);
    }

    @AfterAll
    void drop() {
        if (db != null) {
            db.close();
        }
    }

    private static Money cny(long amount) {
        return Money.of(amount, "CNY");
    }

    @Test
    void postedTransferMovesMoneyAndWritesBalancedEntries() {
        String bank = fx.fundingAccount("CNY");
        String wallet = fx.wallet("CNY");
        TransferResult r = ledger.createTransfer(TransferRequest.posted(id("t"), bank, wallet, cny(1_000)).withReference("topup_1"));

        assertThat(r.code()).isEqualTo(Code.OK);
        assertThat(r.transfer().amount()).isEqualTo(1_000);
        assertThat(fx.account(wallet).postedBalance()).isEqualTo(1_000);
        assertThat(fx.account(wallet).availableBalance()).isEqualTo(1_000);
        assertThat(fx.account(bank).postedBalance()).isEqualTo(1_000);
        assertThat(ledger.listEntries(wallet, PageRequest.first(10)).data())
                .singleElement().satisfies(e -> {
                    assertThat(e.direction()).isEqualTo("credit");
                    assertThat(e.layer()).isEqualTo("posted");
                    assertThat(e.amount()).isEqualTo(1_000);
                });
        assertThat(ledger.check().balanced()).isTrue();
    }

    /**
     * Inside a caller's transaction (a payment's outcome, a wallet's debit) a batch that conflicts (here a transfer id
     * posted before) is rolled back to its savepoint and decided again with locks: it answers as outside one, and the
     * caller's earlier work in the same transaction still commits.
     */
    @Test
    void aConflictingBatchInsideACallersTransactionIsDecidedAgainAndTheCallersWorkStands() {
        javax.sql.DataSource shared = db.dataSource();
        Ledger inCaller = new JdbcLedger(shared, clock);
        String bank = fx.fundingAccount("CNY");
        String revenue = fx.revenue("CNY");
        TransferRequest earlier = TransferRequest.posted(id("t"), bank, revenue, cny(100));
        assertThat(inCaller.createTransfer(earlier).code()).isEqualTo(Code.OK);
        String callers = id("t");

        List<TransferResult> results = new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(shared)).execute(s -> List.of(
                inCaller.createTransfer(TransferRequest.posted(callers, bank, revenue, cny(50))),
                inCaller.createTransfer(earlier)));

        assertThat(results).extracting(TransferResult::code).containsExactly(Code.OK, Code.EXISTS);
        assertThat(ledger.transfer(callers)).as("the caller's transfer before the conflict committed").isPresent();
        assertThat(ledger.account(revenue).orElseThrow().creditsPosted()).isEqualTo(150);
        assertThat(ledger.check().balanced()).isTrue();
    }

    /**
     * A transaction that posts to an account without limits many times (a shared commit of many payments) adds to
     * one of its rows only, so it holds one row until it commits; separate transactions spread over the rows.
     */
    @Test
    void aTransactionPostingToAHotAccountManyTimesAddsToOneOfItsRows() throws Exception {
        javax.sql.DataSource shared = db.dataSource();
        Ledger inCaller = new JdbcLedger(shared, clock);
        String bank = fx.fundingAccount("CNY");
        String together = fx.revenue("CNY");
        new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(shared)).executeWithoutResult(s -> {
                    for (int i = 0; i < 20; i++) {
                        assertThat(inCaller.createTransfer(TransferRequest.posted(id("t"), bank, together, cny(10))).code()).isEqualTo(Code.OK);
                    }
                });
        String apart = fx.revenue("CNY");
        for (int i = 0; i < 40; i++) {
            assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), bank, apart, cny(10))).code()).isEqualTo(Code.OK);
        }
        assertThat(ledger.account(together).orElseThrow().creditsPosted()).isEqualTo(200);
        assertThat(rowsCredited(together)).isEqualTo(1);
        assertThat(rowsCredited(apart)).isGreaterThan(1);
        assertThat(ledger.check().balanced()).isTrue();
    }

    private int rowsCredited(String account) throws java.sql.SQLException {
        try (java.sql.Connection c = db.dataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("select (select count(*) from ledger_account where id = ? and credits_posted <> 0)"
                     + " + (select count(*) from ledger_account_shard where account_id = ? and credits_posted <> 0)")) {
            ps.setString(1, account);
            ps.setString(2, account);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void sameIdSameContentIsExistsAndMovesNothingDifferentContentSaysWhichField() {
        String bank = fx.fundingAccount("CNY");
        String wallet = fx.wallet("CNY");
        String tid = id("t");
        TransferRequest first = TransferRequest.posted(tid, bank, wallet, cny(500));
        assertThat(ledger.createTransfer(first).code()).isEqualTo(Code.OK);

        TransferResult again = ledger.createTransfer(first);
        assertThat(again.code()).isEqualTo(Code.EXISTS);
        assertThat(again.transfer().id()).isEqualTo(tid);
        assertThat(fx.account(wallet).postedBalance()).isEqualTo(500);

        assertThat(ledger.createTransfer(TransferRequest.posted(tid, bank, wallet, cny(501))).code())
                .isEqualTo(Code.EXISTS_WITH_DIFFERENT_AMOUNT);
        assertThat(ledger.createTransfer(TransferRequest.posted(tid, wallet, bank, cny(500))).code())
                .isEqualTo(Code.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID);
        assertThat(ledger.createTransfer(TransferRequest.hold(tid, bank, wallet, cny(500), 0)).code())
                .isEqualTo(Code.EXISTS_WITH_DIFFERENT_KIND);
        assertThat(ledger.createTransfer(first.withCode("other")).code()).isEqualTo(Code.EXISTS_WITH_DIFFERENT_CODE);
        assertThat(fx.account(wallet).postedBalance()).isEqualTo(500);
    }

    @Test
    void walletCannotGoNegative() {
        String wallet = fx.walletWith(1_000, "CNY");
        String shop = fx.revenue("CNY");
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), wallet, shop, cny(1_001))).code())
                .isEqualTo(Code.EXCEEDS_CREDITS);
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), wallet, shop, cny(1_000))).code())
                .isEqualTo(Code.OK);
        assertThat(fx.account(wallet).postedBalance()).isZero();
    }

    @Test
    void malformedRequestsAreRefusedWithTheirReason() {
        String bank = fx.fundingAccount("CNY");
        String wallet = fx.wallet("CNY");
        String usd = fx.wallet("USD");
        assertThat(ledger.createTransfer(TransferRequest.posted("bad id!", bank, wallet, cny(1))).code()).isEqualTo(Code.ID_INVALID);
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), bank, wallet, cny(0))).code()).isEqualTo(Code.AMOUNT_MUST_NOT_BE_ZERO);
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), bank, wallet, cny(-5))).code()).isEqualTo(Code.AMOUNT_INVALID);
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), bank, bank, cny(5))).code()).isEqualTo(Code.ACCOUNTS_MUST_BE_DIFFERENT);
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), "nope", wallet, cny(5))).code()).isEqualTo(Code.DEBIT_ACCOUNT_NOT_FOUND);
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), bank, usd, cny(5))).code()).isEqualTo(Code.ACCOUNT_CURRENCY_MISMATCH);
        assertThat(ledger.createTransfer(TransferRequest.post(id("t"), "missing", null)).code()).isEqualTo(Code.PENDING_TRANSFER_NOT_FOUND);
        assertThat(fx.account(wallet).postedBalance()).isZero();
    }

    @Test
    void holdReservesThenPostsInPartAndReleasesTheRest() {
        String wallet = fx.walletWith(1_000, "CNY");
        String merchant = fx.revenue("CNY");
        String hold = id("hold");
        assertThat(ledger.createTransfer(TransferRequest.hold(hold, wallet, merchant, cny(600), 0)).code()).isEqualTo(Code.OK);

        Account held = fx.account(wallet);
        assertThat(held.postedBalance()).isEqualTo(1_000);
        assertThat(held.availableBalance()).isEqualTo(400);
        assertThat(fx.account(merchant).pendingBalance()).isEqualTo(600);
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), wallet, merchant, cny(401))).code())
                .as("a hold reserves funds").isEqualTo(Code.EXCEEDS_CREDITS);

        assertThat(ledger.createTransfer(TransferRequest.post(id("post"), hold, 700L)).code()).isEqualTo(Code.EXCEEDS_PENDING_TRANSFER_AMOUNT);
        TransferResult post = ledger.createTransfer(TransferRequest.post(id("post"), hold, 250L));
        assertThat(post.code()).isEqualTo(Code.OK);
        assertThat(post.transfer().amount()).isEqualTo(250);

        Account after = fx.account(wallet);
        assertThat(after.postedBalance()).isEqualTo(750);
        assertThat(after.availableBalance()).isEqualTo(750);
        assertThat(after.debitsPending()).isZero();
        assertThat(fx.account(merchant).postedBalance()).isEqualTo(250);
        assertThat(ledger.createTransfer(TransferRequest.voidHold(id("void"), hold)).code()).isEqualTo(Code.PENDING_TRANSFER_ALREADY_POSTED);
        assertThat(ledger.createTransfer(TransferRequest.post(id("post"), hold, null)).code()).isEqualTo(Code.PENDING_TRANSFER_ALREADY_POSTED);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void voidReleasesTheWholeHold() {
        String wallet = fx.walletWith(1_000, "CNY");
        String merchant = fx.revenue("CNY");
        String hold = id("hold");
        ledger.createTransfer(TransferRequest.hold(hold, wallet, merchant, cny(1_000), 0));
        assertThat(fx.account(wallet).availableBalance()).isZero();
        assertThat(ledger.createTransfer(TransferRequest.voidHold(id("void"), hold)).code()).isEqualTo(Code.OK);
        assertThat(fx.account(wallet).availableBalance()).isEqualTo(1_000);
        assertThat(fx.account(merchant).pendingBalance()).isZero();
        assertThat(ledger.createTransfer(TransferRequest.post(id("post"), hold, null)).code()).isEqualTo(Code.PENDING_TRANSFER_ALREADY_VOIDED);
    }

    @Test
    void holdExpiresAfterItsTimeoutAndCannotBePostedThen() {
        String wallet = fx.walletWith(1_000, "CNY");
        String merchant = fx.revenue("CNY");
        String hold = id("hold");
        ledger.createTransfer(TransferRequest.hold(hold, wallet, merchant, cny(300), 60));
        clock.advance(Duration.ofSeconds(59));
        ledger.expireDueHolds(100);
        assertThat(fx.account(wallet).availableBalance()).isEqualTo(700);

        clock.advance(Duration.ofSeconds(1));
        assertThat(ledger.createTransfer(TransferRequest.post(id("post"), hold, null)).code()).isEqualTo(Code.PENDING_TRANSFER_EXPIRED);
        assertThat(ledger.expireDueHolds(100)).isGreaterThanOrEqualTo(1);
        assertThat(fx.account(wallet).availableBalance()).isEqualTo(1_000);
        assertThat(ledger.transfer(hold + ".expire")).get().extracting(Transfer::kind).isEqualTo(TransferKind.EXPIRE_PENDING);
        assertThat(ledger.createTransfer(TransferRequest.voidHold(id("void"), hold)).code()).isEqualTo(Code.PENDING_TRANSFER_EXPIRED);
    }

    @Test
    void linkedTransfersSucceedOrFailTogether() {
        String wallet = fx.walletWith(1_000, "CNY");
        String merchant = fx.revenue("CNY");
        String fee = fx.revenue("CNY");
        List<TransferResult> failed = ledger.createTransfers(List.of(
                TransferRequest.posted(id("a"), wallet, merchant, cny(900)).linkedToNext(),
                TransferRequest.posted(id("b"), wallet, fee, cny(200))));
        assertThat(failed).extracting(TransferResult::code).containsExactly(Code.LINKED_EVENT_FAILED, Code.EXCEEDS_CREDITS);
        assertThat(fx.account(wallet).postedBalance()).isEqualTo(1_000);
        assertThat(ledger.transfer(failed.getFirst().id())).isEmpty();

        List<TransferResult> ok = ledger.createTransfers(List.of(
                TransferRequest.posted(id("a"), wallet, merchant, cny(900)).linkedToNext(),
                TransferRequest.posted(id("b"), wallet, fee, cny(100)),
                TransferRequest.posted(id("c"), wallet, fee, cny(1))));
        assertThat(ok).extracting(TransferResult::code).containsExactly(Code.OK, Code.OK, Code.EXCEEDS_CREDITS);
        assertThat(fx.account(wallet).postedBalance()).isZero();

        List<TransferResult> open = ledger.createTransfers(List.of(
                TransferRequest.posted(id("d"), merchant, wallet, cny(1)).linkedToNext()));
        assertThat(open).extracting(TransferResult::code).containsExactly(Code.LINKED_EVENT_CHAIN_OPEN);
    }

    @Test
    void batchCanHoldAndPostInOneTransaction() {
        String wallet = fx.walletWith(1_000, "CNY");
        String merchant = fx.revenue("CNY");
        String hold = id("hold");
        List<TransferResult> r = ledger.createTransfers(List.of(
                TransferRequest.hold(hold, wallet, merchant, cny(400), 0),
                TransferRequest.post(id("post"), hold, 300L),
                TransferRequest.voidHold(id("void"), hold)));
        assertThat(r).extracting(TransferResult::code).containsExactly(Code.OK, Code.OK, Code.PENDING_TRANSFER_ALREADY_POSTED);
        assertThat(fx.account(wallet).postedBalance()).isEqualTo(700);
    }

    @Test
    void reversalIsANewTransferThatCompensatesAtMostTheOriginal() {
        String wallet = fx.walletWith(1_000, "CNY");
        String merchant = fx.revenue("CNY");
        String pay = id("pay");
        ledger.createTransfer(TransferRequest.posted(pay, wallet, merchant, cny(800)));
        TransferResult part = ledger.createTransfer(TransferRequest.reversal(id("rev"), pay, 300L));
        assertThat(part.code()).isEqualTo(Code.OK);
        assertThat(part.transfer().reversesId()).isEqualTo(pay);
        assertThat(part.transfer().debitAccountId()).isEqualTo(merchant);
        assertThat(ledger.createTransfer(TransferRequest.reversal(id("rev"), pay, 501L)).code()).isEqualTo(Code.EXCEEDS_REVERSIBLE_AMOUNT);
        assertThat(ledger.createTransfer(TransferRequest.reversal(id("rev"), pay, null)).code()).isEqualTo(Code.OK);
        assertThat(ledger.createTransfer(TransferRequest.reversal(id("rev"), pay, null)).code()).isEqualTo(Code.EXCEEDS_REVERSIBLE_AMOUNT);
        assertThat(fx.account(wallet).postedBalance()).isEqualTo(1_000);
        assertThat(ledger.transfer(pay)).get().extracting(Transfer::amount).isEqualTo(800L);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void accountsAreIdempotentByIdAndSayWhatDiffers() {
        String aid = id("acc");
        assertThat(ledger.createAccount(NewAccount.of(aid, "CNY", AccountType.LIABILITY, "usr_1")).code()).isEqualTo(AccountResult.Code.OK);
        assertThat(ledger.createAccount(NewAccount.of(aid, "CNY", AccountType.LIABILITY, "usr_1")).code()).isEqualTo(AccountResult.Code.EXISTS);
        assertThat(ledger.createAccount(NewAccount.of(aid, "USD", AccountType.LIABILITY, "usr_1")).code()).isEqualTo(AccountResult.Code.EXISTS_WITH_DIFFERENT_CURRENCY);
        assertThat(ledger.createAccount(NewAccount.of(aid, "CNY", AccountType.LIABILITY, "usr_1",
                AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)).code()).isEqualTo(AccountResult.Code.EXISTS_WITH_DIFFERENT_FLAGS);
        assertThat(ledger.createAccount(NewAccount.of(id("acc"), "XXX", AccountType.LIABILITY, null)).code()).isEqualTo(AccountResult.Code.CURRENCY_INVALID);
    }

    @Test
    void listsPageNewestFirst() {
        String owner = id("owner");
        for (int i = 0; i < 5; i++) {
            fx.open(NewAccount.of(owner + "_acc_" + i, "CNY", AccountType.LIABILITY, owner));
            clock.advance(Duration.ofMillis(1));
        }
        var first = ledger.listAccounts(owner, PageRequest.first(2));
        assertThat(first.data()).extracting(Account::id).containsExactly(owner + "_acc_4", owner + "_acc_3");
        assertThat(first.hasMore()).isTrue();
        var second = ledger.listAccounts(owner, new PageRequest(2, owner + "_acc_3", null));
        assertThat(second.data()).extracting(Account::id).containsExactly(owner + "_acc_2", owner + "_acc_1");
        var back = ledger.listAccounts(owner, new PageRequest(2, null, owner + "_acc_2"));
        assertThat(back.data()).extracting(Account::id).containsExactly(owner + "_acc_4", owner + "_acc_3");
        assertThat(back.hasMore()).isFalse();
    }

    @Test
    void checkRecomputesFromEntries() {
        String wallet = fx.walletWith(123, "EUR");
        LedgerCheck check = ledger.check();
        assertThat(check.balanced()).isTrue();
        assertThat(check.currencies()).anySatisfy(c -> {
            assertThat(c.currency()).isEqualTo("EUR");
            assertThat(c.sum()).isZero();
        });
        assertThat(check.entries()).isGreaterThanOrEqualTo(2);
        assertThat(check.mismatchedAccounts()).isEmpty();
        assertThat(wallet).isNotNull();
    }

    private static final long TWO_TO_62 = 1L << 62;

    @Test
    void twoTransfersOfTwoToTheSixtySecondIntoOneAccountRefuseTheSecond() {
        // accounts without limits spread their totals over several rows: the guard is on the sum
        String bank = fx.fundingAccount("CNY");
        String otherBank = fx.fundingAccount("CNY");
        String revenue = fx.revenue("CNY");
        String wallet = fx.wallet("CNY");

        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), bank, revenue, cny(TWO_TO_62))).code()).isEqualTo(Code.OK);
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), otherBank, revenue, cny(TWO_TO_62))).code())
                .as("the credits of the revenue account").isEqualTo(Code.OVERFLOWS);
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), bank, wallet, cny(TWO_TO_62))).code())
                .as("the debits of the bank account").isEqualTo(Code.OVERFLOWS);

        assertThat(fx.account(revenue).creditsPosted()).isEqualTo(TWO_TO_62);
        assertThat(fx.account(revenue).postedBalance()).isEqualTo(TWO_TO_62);
        assertThat(fx.account(bank).debitsPosted()).isEqualTo(TWO_TO_62);
        assertThat(fx.account(otherBank).debitsPosted()).isZero();
        assertThat(fx.account(wallet).creditsPosted()).isZero();
        LedgerCheck check = ledger.check();
        assertThat(check.balanced()).isTrue();
        assertThat(check.unrepresentableAccounts()).isEmpty();
    }

    @Test
    void theLargestTotalThenOneMoreIsRefusedOnThatSideOnly() {
        String bank = fx.fundingAccount("CNY");
        String otherBank = fx.fundingAccount("CNY");
        String revenue = fx.revenue("CNY");
        String wallet = fx.wallet("CNY");

        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), bank, revenue, cny(Long.MAX_VALUE))).code()).isEqualTo(Code.OK);
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), otherBank, revenue, cny(1))).code()).isEqualTo(Code.OVERFLOWS);
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), bank, wallet, cny(1))).code()).isEqualTo(Code.OVERFLOWS);
        assertThat(ledger.createTransfer(TransferRequest.hold(id("h"), otherBank, revenue, cny(1), 0)).code()).isEqualTo(Code.OVERFLOWS);
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), revenue, otherBank, cny(1))).code())
                .as("the debits of a full account still have room").isEqualTo(Code.OK);

        Account r = fx.account(revenue);
        assertThat(r.creditsPosted()).isEqualTo(Long.MAX_VALUE);
        assertThat(r.debitsPosted()).isEqualTo(1);
        assertThat(r.postedBalance()).isEqualTo(Long.MAX_VALUE - 1);
        assertThat(fx.account(bank).debitsPosted()).isEqualTo(Long.MAX_VALUE);
        assertThat(fx.account(wallet).postedBalance()).isZero();
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void holdsCountTowardsTheTotalUntilTheyAreReleased() {
        String bank = fx.fundingAccount("CNY");
        String otherBank = fx.fundingAccount("CNY");
        String revenue = fx.revenue("CNY");
        String hold = id("hold");

        assertThat(ledger.createTransfer(TransferRequest.hold(hold, bank, revenue, cny(Long.MAX_VALUE - 10), 0)).code()).isEqualTo(Code.OK);
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), otherBank, revenue, cny(11))).code()).isEqualTo(Code.OVERFLOWS);
        assertThat(ledger.createTransfer(TransferRequest.hold(id("h"), otherBank, revenue, cny(11), 0)).code()).isEqualTo(Code.OVERFLOWS);
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), otherBank, revenue, cny(10))).code()).isEqualTo(Code.OK);
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), otherBank, revenue, cny(1))).code()).isEqualTo(Code.OVERFLOWS);

        assertThat(ledger.createTransfer(TransferRequest.voidHold(id("void"), hold)).code()).isEqualTo(Code.OK);
        assertThat(ledger.createTransfer(TransferRequest.posted(id("t"), otherBank, revenue, cny(11))).code()).isEqualTo(Code.OK);

        Account r = fx.account(revenue);
        assertThat(r.creditsPending()).isZero();
        assertThat(r.creditsPosted()).isEqualTo(21);
        assertThat(fx.account(bank).debitsPending()).isZero();
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void anAccountWhoseTotalsCannotBeRepresentedIsReportedAndReadingItIsARefusal() throws SQLException {
        try (TestDb own = database().migrated()) {
            Ledger broken = new JdbcLedger(own.dataSource(), clock);
            LedgerFixture bfx = new LedgerFixture(broken);
            String revenue = bfx.revenue("CNY");
            String bank = bfx.fundingAccount("CNY");
            String otherBank = bfx.fundingAccount("CNY");
            // what two credits of 2^62 on two of its rows left behind before the total was guarded
            try (Connection c = own.dataSource().getConnection(); Statement s = c.createStatement()) {
                String[][] lines = {{"t1", revenue, "credit"}, {"t1", bank, "debit"}, {"t2", revenue, "credit"}, {"t2", otherBank, "debit"}};
                for (String[] l : lines) {
                    s.executeUpdate("insert into ledger_entry (transfer_id, account_id, currency, layer, direction, amount, created_at)"
                            + " values ('" + l[0] + "', '" + l[1] + "', 'CNY', 'posted', '" + l[2] + "', " + TWO_TO_62 + ", current_timestamp)");
                }
                s.executeUpdate("update ledger_account_shard set credits_posted = " + TWO_TO_62 + " where account_id = '" + revenue + "' and shard in (1, 2)");
                s.executeUpdate("update ledger_account set debits_posted = " + TWO_TO_62 + " where id in ('" + bank + "', '" + otherBank + "')");
            }

            LedgerCheck check = broken.check();
            assertThat(check.balanced()).isFalse();
            assertThat(check.mismatchedAccounts()).isEmpty();
            assertThat(check.unrepresentableAccounts()).containsExactly(revenue);
            assertThat(check.currencies()).singleElement().satisfies(sum -> assertThat(sum.sum()).isZero());
            assertThatThrownBy(() -> broken.account(revenue)).isInstanceOf(UnrepresentableAccountException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(409));
            assertThatThrownBy(() -> broken.listAccounts("platform", PageRequest.first(10))).isInstanceOf(UnrepresentableAccountException.class);
            assertThat(broken.listEntries(revenue, PageRequest.first(10)).data()).hasSize(2);
            assertThat(broken.account(bank)).get().extracting(Account::debitsPosted).isEqualTo(TWO_TO_62);
        }
    }

    @Test
    void theMigrationSpreadsTotalsWrittenOnOneRowBeforeTheLimitsOverTheAccountsRows() throws SQLException {
        try (TestDb own = database()) {
            Flyway before = TestDatabases.flyway().dataSource(own.url(), own.user(), own.password()).load();
            MigrationVersion last = java.util.Arrays.stream(before.info().all()).map(MigrationInfo::getVersion)
                    .filter(v -> v != null && !v.isAtLeast("18")).max(MigrationVersion::compareTo).orElseThrow();
            TestDatabases.flyway().dataSource(own.url(), own.user(), own.password())
                    .target(last).load().migrate();
            String revenue = id("rev");
            String bank = id("bank");
            // a credit of 2^62 that landed on one shard row of the revenue account, before the limits
            try (Connection c = own.dataSource().getConnection(); Statement s = c.createStatement()) {
                for (String acc : List.of(revenue, bank)) {
                    s.executeUpdate("insert into ledger_account (id, currency, account_type, flags, created_at) values ('" + acc + "', 'CNY', '"
                            + (acc.equals(bank) ? "ASSET" : "REVENUE") + "', 0, current_timestamp)");
                    for (int shard = 1; shard < 8; shard++) {
                        s.executeUpdate("insert into ledger_account_shard (account_id, shard) values ('" + acc + "', " + shard + ")");
                    }
                }
                s.executeUpdate("insert into ledger_entry (transfer_id, account_id, currency, layer, direction, amount, created_at)"
                        + " values ('old', '" + revenue + "', 'CNY', 'posted', 'credit', " + TWO_TO_62 + ", current_timestamp)");
                s.executeUpdate("insert into ledger_entry (transfer_id, account_id, currency, layer, direction, amount, created_at)"
                        + " values ('old', '" + bank + "', 'CNY', 'posted', 'debit', " + TWO_TO_62 + ", current_timestamp)");
                s.executeUpdate("update ledger_account_shard set credits_posted = " + TWO_TO_62 + " where account_id = '" + revenue + "' and shard = 3");
                s.executeUpdate("update ledger_account set debits_posted = " + TWO_TO_62 + " where id = '" + bank + "'");
            }
            own.migrated();

            long shardLimit = Long.MAX_VALUE / 8;
            try (Connection c = own.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select shard, credits_posted + credits_pending from ledger_account_shard where account_id = '"
                         + revenue + "' union all select 0, credits_posted + credits_pending from ledger_account where id = '" + revenue + "'")) {
                long sum = 0;
                int rows = 0;
                while (rs.next()) {
                    long side = rs.getLong(2);
                    assertThat(side).as("shard " + rs.getInt(1)).isLessThanOrEqualTo(rs.getInt(1) == 0 ? Long.MAX_VALUE - 7 * shardLimit : shardLimit);
                    sum += side;
                    rows++;
                }
                assertThat(rows).isEqualTo(8);
                assertThat(sum).isEqualTo(TWO_TO_62);
            }
            Ledger migrated = new JdbcLedger(own.dataSource(), clock);
            LedgerFixture mfx = new LedgerFixture(migrated);
            assertThat(migrated.check().balanced()).isTrue();
            // with every row within its limit, transfers of almost a row's limit fill the account exactly
            List<Code> codes = new java.util.ArrayList<>();
            for (int i = 0; i < 7; i++) {
                codes.add(migrated.createTransfer(TransferRequest.posted(id("t"), mfx.fundingAccount("CNY"), revenue, cny(shardLimit))).code());
            }
            assertThat(codes).containsExactly(Code.OK, Code.OK, Code.OK, Code.OK, Code.OVERFLOWS, Code.OVERFLOWS, Code.OVERFLOWS);
            assertThat(mfx.account(revenue).creditsPosted()).isEqualTo(TWO_TO_62 + 4 * shardLimit);
            assertThat(mfx.account(bank).debitsPosted()).isEqualTo(TWO_TO_62);
            assertThat(migrated.check().balanced()).isTrue();
        }
    }
}
