package io.huitong.web.reconciliation;

import io.huitong.reconciliation.Reconciliation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;

/** A reconciliation as the API shows it (docs/api.md "Reconciliation (operator)"). */
@Schema(name = "Reconciliation")
record ReconciliationView(String id, @Schema(allowableValues = "reconciliation") String object, String channel, LocalDate businessDate,
                          @Schema(description = "the statement's format: acquirer_settlement, camt_053, wallet_bill or ecny_bill") String format,
                          @Schema(allowableValues = {"matching", "completed", "failed", "superseded"}) String status, Progress progress,
                          Counts counts,
                          @Schema(description = "the reconciliation of the same channel and date this one replaced", nullable = true) String supersedes,
                          @Schema(nullable = true) String supersededBy,
                          @Schema(description = "a bank statement's balances rolled forward against the ledger", nullable = true) Reserve reserve,
                          @Schema(nullable = true) String failure, String requestedBy, Instant createdAt, Instant updatedAt) {

    @Schema(name = "ReconciliationProgress", description = "statement lines classified, of all of them")
    record Progress(long done, long total) {
    }

    @Schema(name = "ReconciliationCounts", description = "matched: the statement lines that matched (and our records matched to a line of"
            + " another statement of the channel); the others: breaks of each class, open or resolved")
    record Counts(long matched, long missingInLedger, long missingInChannel, long amountMismatch, long statusMismatch, long currencyMismatch,
                  long duplicate, long timing) {
    }

    @Schema(name = "ReconciliationReserve", description = "opening + credits - debits = closing from the bank's statement; the ledger's"
            + " movements of the bank clearing account that day (ledger_credits in, ledger_debits out) rolled forward from the same opening"
            + " give ledger_balance; difference = closing - ledger_balance. Minor units; the ledger's side is null while matching.")
    record Reserve(String currency, long opening, long credits, long debits, long closing, @Schema(nullable = true) Long ledgerCredits,
                   @Schema(nullable = true) Long ledgerDebits, @Schema(nullable = true) Long ledgerBalance, @Schema(nullable = true) Long difference) {
    }

    static ReconciliationView of(Reconciliation r) {
        Reconciliation.Counts c = r.counts();
        Reconciliation.Reserve v = r.reserve();
        return new ReconciliationView(r.id(), "reconciliation", r.channel(), r.businessDate(), r.format(), r.status(), new Progress(r.done(), r.total()),
                new Counts(c.matched(), c.missingInLedger(), c.missingInChannel(), c.amountMismatch(), c.statusMismatch(), c.currencyMismatch(),
                        c.duplicate(), c.timing()), r.supersedes(), r.supersededBy(),
                v == null ? null : new Reserve(v.currency(), v.opening(), v.credits(), v.debits(), v.closing(), v.ledgerCredits(), v.ledgerDebits(),
                        v.ledgerBalance(), v.difference()), r.failure(), r.requestedBy(), r.createdAt(), r.updatedAt());
    }
}
