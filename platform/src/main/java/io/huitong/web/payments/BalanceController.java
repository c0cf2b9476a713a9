package io.huitong.web.payments;

import io.huitong.identity.ApiPrincipal;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.payments.Balance;
import io.huitong.payments.BalanceTransaction;
import io.huitong.payments.Payments;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A merchant's balance and the ledger lines behind it (docs/api.md, "Balance"). */
@RestController
@Tag(name = "Balance")
class BalanceController {

    private final Payments payments;

    BalanceController(Payments payments) {
        this.payments = payments;
    }

    @GetMapping("/v1/balance")
    @Operation(summary = "The merchant's balance per currency: pending (not yet settled, net of fees) and available")
    Balance balance(ApiPrincipal caller) {
        return payments.balance(caller.merchantId());
    }

    @GetMapping("/v1/balance_transactions")
    @Operation(summary = "The ledger lines behind the balance, newest first")
    Page<BalanceTransaction> transactions(ApiPrincipal caller, PageRequest page) {
        return payments.balanceTransactions(caller.merchantId(), page);
    }
}
