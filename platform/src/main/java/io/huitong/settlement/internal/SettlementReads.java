package io.huitong.settlement.internal;

import io.huitong.identity.Merchants;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.settlement.BankAccountView;
import io.huitong.settlement.Settlement;
import io.huitong.settlement.SettlementBankAccount;
import io.huitong.settlement.SettlementLine;
import io.huitong.settlement.Settlements;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionTemplate;

/** Settlements and settlement bank accounts as the API reads and sets them. */
final class SettlementReads implements Settlements {

    private final SettlementStore store;
    private final BankAccounts accounts;
    private final Merchants merchants;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    SettlementReads(SettlementStore store, BankAccounts accounts, Merchants merchants, TransactionTemplate readOnly, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.merchants = merchants;
        this.readOnly = readOnly;
        this.clock = clock;
    }

    @Override
    public Optional<Settlement> find(String merchantId, String settlementId) {
        return store.find(settlementId).filter(s -> merchantId == null || s.merchantId().equals(merchantId));
    }

    @Override
    public Page<Settlement> list(String merchantId, PageRequest page) {
        return store.list(merchantId, page);
    }

    @Override
    public Page<SettlementLine> lines(String settlementId, PageRequest page) {
        return store.lines(settlementId, page);
    }

    /** In a read-only transaction, so that PostgreSQL streams the lines from a cursor instead of reading them all first. */
    @Override
    public void eachLine(String settlementId, Consumer<SettlementLine> line) {
        readOnly.executeWithoutResult(s -> store.eachLine(settlementId, line));
    }

    @Override
    public Optional<BankAccountView> bankAccount(String merchantId) {
        return accounts.find(merchantId).map(BankAccounts.Sealed::view);
    }

    @Override
    public BankAccountView setBankAccount(String merchantId, SettlementBankAccount account) {
        if (merchants.find(merchantId).isEmpty()) {
            throw ApiException.notFound("merchant", merchantId);
        }
        return accounts.set(merchantId, account, DbTimes.now(clock));
    }
}
