package io.huitong.web.ledger;

import io.huitong.identity.AllowedRoles;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.ledger.AccountResult;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import io.huitong.ledger.UnrepresentableAccountException;
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
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE, OperatorRole.AUDITOR})
    @Operation(summary = "Recompute every balance from the entries and check that the books balance")
    CheckView check() {
        return LedgerViews.of(ledger.check());
    }

    @PostMapping("/accounts")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE})
    @Operation(summary = "Open an account (idempotent by id)")
    ResponseEntity<AccountView> createAccount(@RequestBody CreateAccount body) {
        AccountResult r = ledger.createAccount(body.toCommand(() -> ids.next("acct")));
        if (!r.succeeded()) {
            throw LedgerRefusals.of(r.code());
        }
        HttpStatus status = r.code() == AccountResult.Code.OK ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).body(LedgerViews.of(r.account()));
    }

    @GetMapping("/accounts/{id}")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE, OperatorRole.AUDITOR})
    AccountView account(@PathVariable String id) {
        return LedgerViews.of(ledger.account(id).orElseThrow(() -> ApiException.notFound("ledger account", id)));
    }

    @GetMapping("/accounts")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE, OperatorRole.AUDITOR})
    Page<AccountView> accounts(@RequestParam(name = "owner_ref", required = false) String ownerRef, PageRequest page) {
        return ledger.listAccounts(ownerRef, page).map(LedgerViews::of);
    }

    @GetMapping("/accounts/{id}/entries")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE, OperatorRole.AUDITOR})
    Page<EntryView> entries(@PathVariable String id, PageRequest page) {
        try {
            ledger.account(id).orElseThrow(() -> ApiException.notFound("ledger account", id));
        } catch (UnrepresentableAccountException e) {
            // it exists; its entries are what an operator needs to see to mend it
        }
        return ledger.listEntries(id, page).map(LedgerViews::of);
    }

    @PostMapping("/transfers")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE})
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
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE})
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
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE, OperatorRole.AUDITOR})
    TransferView transfer(@PathVariable String id) {
        return LedgerViews.of(ledger.transfer(id).orElseThrow(() -> ApiException.notFound("ledger transfer", id)));
    }

    @GetMapping("/transfers")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE, OperatorRole.AUDITOR})
    Page<TransferView> transfers(@RequestParam(required = false) String account, PageRequest page) {
        return ledger.listTransfers(account, page).map(LedgerViews::of);
    }
}
