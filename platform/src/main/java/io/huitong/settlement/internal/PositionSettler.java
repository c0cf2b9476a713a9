package io.huitong.settlement.internal;

import io.huitong.identity.Merchant;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Money;
import io.huitong.ledger.AccountResult;
import io.huitong.ledger.AccountType;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.NewAccount;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import io.huitong.settlement.FxRates;
import io.huitong.settlement.Settlement;
import io.huitong.settlement.domain.BusinessCalendar;
import io.huitong.settlement.domain.Netting;
import io.huitong.settlement.domain.SettlementCutoff;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Settles one merchant's pending balance in one currency for a business date, in the caller's transaction: locks the
 * merchant's position, takes the due movements up as lines (each once: the lines' primary key), nets them with the
 * balance carried in, converts to the settlement currency, moves the net from the pending to the available balance
 * on the ledger, writes the settlement, and opens its payout.
 */
final class PositionSettler {

    /**
     * How far back of the last read a run reads again: a movement written by a transaction that was still open during
     * the last run has a time before it. Movements already settled are skipped by their key.
     */
    static final Duration LATE_COMMIT = Duration.ofHours(1);

    private final SettlementStore store;
    private final Ledger ledger;
    private final FxRates rates;
    private final PayoutService payouts;
    private final Ids ids;

    PositionSettler(SettlementStore store, Ledger ledger, FxRates rates, PayoutService payouts, Ids ids) {
        this.store = store;
        this.ledger = ledger;
        this.rates = rates;
        this.payouts = payouts;
        this.ids = ids;
    }

    /** What became of one position. */
    sealed interface Outcome {
        /** Nothing was due. */
        record Nothing() implements Outcome {
        }

        /** A settlement was made. */
        record Settled(Settlement settlement) implements Outcome {
        }

        /** Left for a later run, for the reason given (the transaction is to be rolled back). */
        record Skipped(String reason) implements Outcome {
        }
    }

    Outcome settle(String runId, String requestedBy, Merchant merchant, String currency, LocalDate businessDate, BusinessCalendar calendar,
                   Instant now) {
        SettlementStore.Position position = store.lockPosition(merchant.id(), currency);
        Instant cutoff = SettlementCutoff.of(calendar, businessDate, merchant.settlementDays());
        Instant to = cutoff.isBefore(now) ? cutoff : now;
        Instant from = position.scannedTo() == null ? Instant.EPOCH : position.scannedTo().minus(LATE_COMMIT);
        if (!from.isBefore(to)) {
            return new Outcome.Nothing();
        }
        String settlementCurrency = merchant.settlementCurrency();
        BigDecimal rate = null;
        if (!currency.equals(settlementCurrency)) {
            Optional<FxRates.FxRate> found = rates.rateAt(currency, settlementCurrency, now);
            if (found.isEmpty()) {
                return new Outcome.Skipped("no exchange rate from " + currency + " to " + settlementCurrency + " in force");
            }
            rate = found.get().rate();
        }
        String settlementId = ids.next("stl");
        int lines = store.takeUpLines(settlementId, currency, Accounts.pending(merchant.id(), currency), from, to);
        if (lines == 0) {
            store.updatePosition(merchant.id(), currency, position.carried(), to);
            return new Outcome.Nothing();
        }
        SettlementStore.LineTotals totals = store.lineTotals(settlementId);
        Netting netting = Netting.of(new Netting.Totals(totals.gross(), totals.fees(), totals.refunds(), totals.adjustments(),
                position.carried()), currency, settlementCurrency, rate);
        String payoutId = null;
        if (netting.pays()) {
            move(settlementId, merchant.id(), currency, settlementCurrency, netting);
            payoutId = payouts.open(merchant.id(), settlementId, new Money(netting.net(), settlementCurrency), requestedBy, now).orElse(null);
        }
        Settlement settlement = new Settlement(settlementId, merchant.id(), runId, businessDate, settlementCurrency, netting.gross(),
                netting.fees(), netting.refunds(), netting.adjustments(), netting.net(), currency, rate, netting.carriedForward(),
                totals.count(), totals.first(), totals.last(), payoutId, netting.pays() ? "pending" : "carried_forward", now);
        store.insert(settlement, totals, position.carried(), netting.sourceNet());
        store.updatePosition(merchant.id(), currency, netting.carriedForward(), to);
        return new Outcome.Settled(settlement);
    }

    /** Opens what balances of these currencies share (the bank clearing accounts) before several settle at once. */
    void prepare(java.util.Collection<String> currencies) {
        currencies.forEach(payouts::openBankAccount);
    }

    /**
     * The net from pending to available: in one currency a transfer; across currencies through the platform's FX position
     * accounts, each currency balanced on its own.
     */
    private void move(String settlementId, String merchantId, String sourceCurrency, String settlementCurrency, Netting netting) {
        List<TransferRequest> transfers = new ArrayList<>(2);
        if (sourceCurrency.equals(settlementCurrency)) {
            transfers.add(TransferRequest.posted(settlementId, Accounts.pending(merchantId, sourceCurrency),
                    Accounts.available(merchantId, sourceCurrency), new Money(netting.net(), sourceCurrency))
                    .withCode("settlement").withReference(settlementId));
        } else {
            open(List.of(NewAccount.of(Accounts.fx(sourceCurrency), sourceCurrency, AccountType.ASSET, "platform"),
                    NewAccount.of(Accounts.fx(settlementCurrency), settlementCurrency, AccountType.ASSET, "platform"),
                    NewAccount.of(Accounts.available(merchantId, settlementCurrency), settlementCurrency, AccountType.LIABILITY, merchantId)));
            transfers.add(TransferRequest.posted(settlementId + ":out", Accounts.pending(merchantId, sourceCurrency), Accounts.fx(sourceCurrency),
                    new Money(netting.sourceNet(), sourceCurrency)).withCode("settlement").withReference(settlementId).linkedToNext());
            transfers.add(TransferRequest.posted(settlementId + ":in", Accounts.fx(settlementCurrency),
                    Accounts.available(merchantId, settlementCurrency), new Money(netting.net(), settlementCurrency))
                    .withCode("settlement_fx").withReference(settlementId));
        }
        for (TransferResult r : ledger.createTransfers(transfers)) {
            if (!r.succeeded()) {
                throw new IllegalStateException("ledger refused " + r.id() + ": " + r.code());
            }
        }
    }

    private void open(List<NewAccount> accounts) {
        for (AccountResult r : ledger.createAccounts(accounts)) {
            if (!r.succeeded()) {
                throw new IllegalStateException("opening ledger account " + r.id() + " failed: " + r.code());
            }
        }
    }
}
