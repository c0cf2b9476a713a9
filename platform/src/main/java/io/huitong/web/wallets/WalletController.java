package io.huitong.web.wallets;

import io.huitong.risk.RiskContext;
import io.huitong.identity.ApiPrincipal;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.kernel.ApiException;
import io.huitong.wallets.NewTopUp;
import io.huitong.wallets.NewWalletTransfer;
import io.huitong.wallets.PaymentCode;
import io.huitong.wallets.TopUp;
import io.huitong.wallets.NewWithdrawal;
import io.huitong.wallets.WalletQrPayment;
import io.huitong.wallets.Withdrawal;
import io.huitong.wallets.Wallet;
import io.huitong.wallets.WalletTransaction;
import io.huitong.wallets.WalletTransfer;
import io.huitong.wallets.Wallets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A consumer's own wallet (docs/api.md, "Consumers and wallet"): always the caller's, so no other wallet can be named. */
@RestController
@RequestMapping("/v1/wallet")
@Tag(name = "Wallet")
class WalletController {

    private final Wallets wallets;

    WalletController(Wallets wallets) {
        this.wallets = wallets;
    }

    @GetMapping
    @Operation(summary = "The caller's wallet: status, account class and balances (created on first use)",
            description = "class is the PBoC payment-account class the holder's verification channels give (I, II or III; null "
                    + "while none verified them); allowance is what the class still lets the wallet pay and transfer: limit, used "
                    + "and remaining in CNY minor units, since_opening (class I) or this calendar year (II and III); null with no class.")
    Wallet wallet(ApiPrincipal caller) {
        return wallets.wallet(caller.userId());
    }

    @PostMapping("/transfers")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Send money to another consumer by phone number",
            description = "A frozen wallet is a 403 wallet_frozen; one whose holder no channel verified a 403 verification_required; "
                    + "beyond the balance a 402 insufficient_funds; beyond the wallet's class (class I: 1,000.00 CNY in all since "
                    + "opening; II: 100,000.00 and III: 200,000.00 CNY a calendar year, of balance payments and transfers together; "
                    + "CNY only) a 402 limit_exceeded; refused by risk control a 402 risk_blocked; challenged by risk control, "
                    + "without otp (a current authenticator code or a recovery code) a 402 authentication_required: each changes "
                    + "nothing.")
    WalletTransfer transfer(ApiPrincipal caller, @RequestBody NewWalletTransfer body, jakarta.servlet.http.HttpServletRequest http) {
        return wallets.transfer(caller.userId(), body.withRiskContext(own(body.riskContext(), http)));
    }

    @PostMapping("/freeze")
    @Operation(summary = "Freeze the wallet at once: no money leaves it until it is unfrozen")
    Wallet freeze(ApiPrincipal caller) {
        return wallets.freeze(caller.userId());
    }

    /** {@code otp} once the consumer's two-factor login is on; {@code password} until then. */
    record Unfreeze(String otp, String password) {
    }

    @PostMapping("/unfreeze")
    @Operation(summary = "Unfreeze the wallet, entering the password again")
    Wallet unfreeze(ApiPrincipal caller, @RequestBody(required = false) Unfreeze body) {
        return wallets.unfreeze(caller.userId(), body == null ? null : body.otp(), body == null ? null : body.password());
    }

    @PostMapping("/topups")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Top the wallet up from a card",
            description = "A card payment through the platform's card channel; the wallet is credited when it succeeds. A declined "
                    + "card is a 402 card_error (the top-up is failed); an outcome not known yet leaves the top-up pending.")
    TopUp topUp(ApiPrincipal caller, @RequestBody NewTopUp body, jakarta.servlet.http.HttpServletRequest http) {
        return wallets.topUp(caller.userId(), body.withRiskContext(own(body.riskContext(), http)));
    }

    @PostMapping("/payment_codes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A payment code (付款码) for a merchant to charge",
            description = "18 digits, valid once and for 60 seconds; the merchant charges it with payment_method "
                    + "{\"type\":\"payment_code\",\"payment_code\":{\"code\":\"...\"}}. A frozen wallet gets none (403 "
                    + "wallet_frozen). A charge from a wallet whose holder no channel verified is declined with verification_required, "
                    + "one beyond the wallet's class with limit_exceeded.")
    PaymentCode paymentCode(ApiPrincipal caller) {
        return wallets.paymentCode(caller.userId());
    }

    record QrPaymentRequest(String qrPayload, RiskContext riskContext, String otp) {
    }

    /** The device a consumer's app names, for risk control (or {@code risk_context.device_id}). */
    static final String DEVICE_HEADER = "Huitong-Device-Id";

    /**
     * What risk control knows of a consumer's request: its {@code risk_context}, and where that names none, the
     * request's own address and the {@code Huitong-Device-Id} header (a consumer's session is the payer itself).
     */
    static RiskContext own(RiskContext context, jakarta.servlet.http.HttpServletRequest http) {
        return RiskContext.orEmpty(context).orOwn(http.getRemoteAddr(), http.getHeader(DEVICE_HEADER));
    }

    @PostMapping("/qr_payments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Pay a merchant's QR payment from the wallet",
            description = "qr_payload is the EMVCo payload of the payment's display_qr next action. A payload that is no such code "
                    + "is a 400; one naming no payment waiting to be paid a 404 or 409; frozen, verification, balance, class, risk control "
                    + "and otp as for transfers: the payment counts against the class, and a refund of it gives its amount back.")
    WalletQrPayment payQr(ApiPrincipal caller, @RequestBody QrPaymentRequest body, jakarta.servlet.http.HttpServletRequest http) {
        return wallets.payQr(caller.userId(), body.qrPayload(), own(body.riskContext(), http), body.otp());
    }

    @PostMapping("/withdrawals")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Withdraw to a bank account",
            description = "The money is held in the wallet (pending) until the bank confirms (succeeded); a rejected payout "
                    + "returns it (failed). Frozen, balance, risk control and otp as for transfers. A withdrawal to the holder's own "
                    + "account (account_name is their verified name) does not count against the wallet's class; one to another's "
                    + "counts as a transfer does (verification and class as for transfers), and a failed or returned one gives its "
                    + "amount back.")
    Withdrawal withdraw(ApiPrincipal caller, @RequestBody NewWithdrawal body, jakarta.servlet.http.HttpServletRequest http) {
        return wallets.withdraw(caller.userId(), body.withRiskContext(own(body.riskContext(), http)));
    }

    @GetMapping("/withdrawals/{id}")
    @Operation(summary = "One of the caller's withdrawals")
    Withdrawal withdrawal(ApiPrincipal caller, @PathVariable String id) {
        return wallets.findWithdrawal(caller.userId(), id).orElseThrow(() -> ApiException.notFound("withdrawal", id));
    }

    @GetMapping("/topups/{id}")
    @Operation(summary = "One of the caller's top-ups")
    TopUp topUp(ApiPrincipal caller, @PathVariable String id) {
        return wallets.findTopUp(caller.userId(), id).orElseThrow(() -> ApiException.notFound("top-up", id));
    }

    @GetMapping("/transactions")
    @Operation(summary = "The wallet's history, newest first")
    Page<WalletTransaction> transactions(ApiPrincipal caller, PageRequest page) {
        return wallets.transactions(caller.userId(), page);
    }
}
