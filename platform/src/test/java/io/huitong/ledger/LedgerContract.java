package io.huitong.ledger;

import static io.huitong.ledger.LedgerFixture.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.kernel.Money;
import io.huitong.kernel.PageRequest;
import io.huitong.ledger.TransferResult.Code;
import io.huitong.ledger.jdbc.JdbcLedger;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestDatabases.TestDb;
import java.time.Duration;
import java.util.List;
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
}
