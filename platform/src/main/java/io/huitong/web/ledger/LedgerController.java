package io.huitong.web.ledger;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.ledger.AccountResult;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import io.huitong.web.ledger.LedgerRequests.CreateAccount;
import io.huitong.web.ledger.LedgerRequests.CreateBatch;
import io.huitong.web.ledger.LedgerRequests.CreateTransfer;
import io.huitong.web.ledger.LedgerViews.AccountView;
import io.huitong.web.ledger.LedgerViews.BatchResultView;
import io.huitong.web.ledger.LedgerViews.BatchView;
import io.huitong.web.ledger.LedgerViews.CheckView;
import io.huitong.web.ledger.LedgerViews.EntryView;
import io.huitong.web.ledger.LedgerViews.TransferView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger for operators: open accounts, move money (posted, holds, post/void, reversals, linked
 * batches), read balances and entries, and check the books. Transfer ids are chosen by the caller,
 * so a retried request never moves money twice.
 */
@RestController
@RequestMapping("/v1/admin/ledger")
@Tag(name = "Ledger (operator)")
class LedgerController {

    private final Ledger ledger;
    private final Ids ids;

    LedgerController(Ledger ledger, Ids ids) {
        this.ledger = ledger;
        this.ids = ids;
    }

    @GetMapping("/check")
    @Operation(summary = "Recompute every balance from the entries and check that the books balance")
    CheckView check() {
        return LedgerViews.of(ledger.check());
    }

    @PostMapping("/accounts")
    @Operation(summary = "Open an account (idempotent by id)")
    ResponseEntity<AccountView> createAccount(@RequestBody CreateAccount body) {
        AccountResult r = ledger.createAccount(body.toCommand(ids.next("acct")));
        if (!r.succeeded()) {
            throw LedgerRefusals.of(r.code());
        }
        HttpStatus status = r.code() == AccountResult.Code.OK ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).body(LedgerViews.of(r.account()));
    }

    @GetMapping("/accounts/{id}")
    AccountView account(@PathVariable String id) {
        return LedgerViews.of(ledger.account(id).orElseThrow(() -> ApiException.notFound("ledger account", id)));
    }

    @GetMapping("/accounts")
    ListView<AccountView> accounts(@RequestParam(name = "owner_ref", required = false) String ownerRef,
                                   @RequestParam(required = false) String limit,
                                   @RequestParam(name = "starting_after", required = false) String startingAfter,
                                   @RequestParam(name = "ending_before", required = false) String endingBefore) {
        return ListView.of(ledger.listAccounts(ownerRef, page(limit, startingAfter, endingBefore)), LedgerViews::of);
    }

    @GetMapping("/accounts/{id}/entries")
    ListView<EntryView> entries(@PathVariable String id,
                                @RequestParam(required = false) String limit,
                                @RequestParam(name = "starting_after", required = false) String startingAfter,
                                @RequestParam(name = "ending_before", required = false) String endingBefore) {
        ledger.account(id).orElseThrow(() -> ApiException.notFound("ledger account", id));
        return ListView.of(ledger.listEntries(id, page(limit, startingAfter, endingBefore)), LedgerViews::of);
    }

    @PostMapping("/transfers")
    @Operation(summary = "Create a transfer: posted, pending (a hold), post_pending, void_pending or reversal")
    ResponseEntity<TransferView> createTransfer(@RequestBody CreateTransfer body) {
        TransferResult r = ledger.createTransfer(body.toCommand());
        if (!r.succeeded()) {
            throw LedgerRefusals.of(r.code());
        }
        HttpStatus status = r.code() == TransferResult.Code.OK ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).body(LedgerViews.of(r.transfer()));
    }

    @PostMapping("/transfers/batch")
    @Operation(summary = "Create up to 1,000 transfers in one database transaction; linked ones succeed or fail together")
    BatchView createBatch(@RequestBody CreateBatch body) {
        if (body.transfers() == null || body.transfers().isEmpty()) {
            throw ApiException.missing("transfers");
        }
        if (body.transfers().size() > 1_000) {
            throw ApiException.invalid("transfers", "at most 1000 transfers per batch");
        }
        List<TransferRequest> commands = new ArrayList<>();
        for (CreateTransfer t : body.transfers()) {
            if (t == null) {
                throw ApiException.invalid("transfers", "transfers must not contain null");
            }
            commands.add(t.toCommand());
        }
        List<BatchResultView> results = ledger.createTransfers(commands).stream()
                .map(r -> new BatchResultView(r.id(), r.code().name().toLowerCase(Locale.ROOT), LedgerViews.of(r.transfer())))
                .toList();
        return new BatchView("ledger_transfer_batch", results);
    }

    @GetMapping("/transfers/{id}")
    TransferView transfer(@PathVariable String id) {
        return LedgerViews.of(ledger.transfer(id).orElseThrow(() -> ApiException.notFound("ledger transfer", id)));
    }

    @GetMapping("/transfers")
    ListView<TransferView> transfers(@RequestParam(required = false) String account,
                                     @RequestParam(required = false) String limit,
                                     @RequestParam(name = "starting_after", required = false) String startingAfter,
                                     @RequestParam(name = "ending_before", required = false) String endingBefore) {
        return ListView.of(ledger.listTransfers(account, page(limit, startingAfter, endingBefore)), LedgerViews::of);
    }

    private static PageRequest page(String limit, String startingAfter, String endingBefore) {
        int n = 10;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > 100) {
                throw ApiException.invalid("limit", "limit must be an integer between 1 and 100");
            }
        }
        if (startingAfter != null && endingBefore != null) {
            throw ApiException.invalid("ending_before", "starting_after and ending_before can't be used together");
        }
        return new PageRequest(n, startingAfter, endingBefore);
    }

    record ListView<T>(String object, List<T> data, boolean hasMore) {
        static <S, T> ListView<T> of(Page<S> page, java.util.function.Function<S, T> view) {
            return new ListView<>("list", page.data().stream().map(view).toList(), page.hasMore());
        }
    }
}
