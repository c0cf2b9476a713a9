package io.huitong.web.merchants;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.huitong.identity.AllowedRoles;
import io.huitong.web.audit.RecordedChanges;
import io.huitong.identity.ApiPrincipal;
import io.huitong.web.approvals.ApprovalView;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import io.huitong.identity.Merchant;
import io.huitong.identity.MerchantKey;
import io.huitong.identity.MerchantTerms;
import io.huitong.identity.Merchants;
import io.huitong.settlement.BankAccountView;
import io.huitong.settlement.SettlementBankAccount;
import io.huitong.settlement.Settlements;
import io.huitong.identity.NewMerchant;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.merchantusers.Invitation;
import io.huitong.merchantusers.MerchantRole;
import io.huitong.merchantusers.MerchantUser;
import io.huitong.merchantusers.MerchantUsers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Merchant onboarding by operators (docs/api.md, "Merchants"), and merchant key rotation. */
@RestController
@RequestMapping("/v1/admin/merchants")
@Tag(name = "Merchants (operator)")
class MerchantAdminController {

    /** How long a merchant's previous keys keep working after a rotation, unless the request says otherwise. */
    static final Duration DEFAULT_GRACE = Duration.ofHours(24);

    private final Merchants merchants;
    private final Settlements settlements;

    private final MerchantChanges merchantChanges;

    private final MerchantUsers users;
    private final String publicUrl;

    MerchantAdminController(Merchants merchants, Settlements settlements, MerchantChanges merchantChanges, MerchantUsers users,
                            @org.springframework.beans.factory.annotation.Value("${huitong.payments.public-url:}") String publicUrl) {
        this.merchantChanges = merchantChanges;
        this.merchants = merchants;
        this.settlements = settlements;
        this.users = users;
        this.publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
    }

    record MerchantView(String id, String object, String name, String email, String defaultCurrency, String settlementSchedule,
                        String settlementCurrency, BankAccountView bankAccount, int feePercentBps, long feeFixed, String status,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String secretKey, Instant createdAt) {

        static MerchantView of(Merchant m, BankAccountView bankAccount, String secretKey) {
            return new MerchantView(m.id(), "merchant", m.name(), m.email(), m.defaultCurrency(), m.settlementSchedule(),
                    m.settlementCurrency(), bankAccount, m.feePercentBps(), m.feeFixed(), m.status(), secretKey, m.createdAt());
        }
    }

    private MerchantView view(Merchant m) {
        return MerchantView.of(m, settlements.bankAccount(m.id()).orElse(null), null);
    }

    record KeyView(String object, String merchant, String secretKey, Instant createdAt, Instant previousKeysExpireAt) {
    }

    record RotateKey(Long gracePeriodSeconds) {
    }

    @PostMapping
    @AllowedRoles(OperatorRole.ADMIN)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Onboard a merchant; the answer carries its secret key, shown this once")
    MerchantView create(@RequestBody NewMerchant body) {
        Merchants.Onboarded onboarded = merchants.onboard(body);
        return MerchantView.of(onboarded.merchant(), null, onboarded.key().secretKey());
    }

    @GetMapping("/{id}")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.SUPPORT, OperatorRole.FINANCE, OperatorRole.AUDITOR})
    MerchantView get(@PathVariable String id) {
        return view(merchants.find(id).orElseThrow(() -> ApiException.notFound("merchant", id)));
    }

    @GetMapping
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.SUPPORT, OperatorRole.FINANCE, OperatorRole.AUDITOR})
    Page<MerchantView> list(PageRequest page) {
        return merchants.list(page).map(this::view);
    }

    @PostMapping("/{id}")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE})
    @Operation(summary = "Change a merchant's settlement terms, with another operator's approval: fees from the next payment after it, "
            + "schedule and settlement currency from the next settlement run",
            description = "The terms are checked at once (400 naming the parameter, 404 for an unknown merchant; nothing waits), then "
                    + "answered 202 with a pending approval (action merchant.terms.change); they apply once a finance operator or admin "
                    + "other than the requester approves.")
    ResponseEntity<ApprovalView> changeTerms(@PathVariable String id, @RequestBody MerchantTerms body, ApiPrincipal caller) {
        return merchantChanges.terms(caller, id, body);
    }

    @PutMapping("/{id}/bank_account")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE})
    @Operation(summary = "Set the merchant's settlement bank account, with another operator's approval; every view shows the number masked",
            description = "Payouts go to this account, so a change waits for a second person: the account is checked at once (400 naming "
                    + "the parameter, 404 for an unknown merchant), then answered 202 with a pending approval (action "
                    + "merchant.bank_account.change) that shows it masked and keeps the number sealed; it is the merchant's account once a "
                    + "finance operator or admin other than the requester approves.")
    ResponseEntity<ApprovalView> setBankAccount(@PathVariable String id, @RequestBody SettlementBankAccount body, ApiPrincipal caller) {
        return merchantChanges.bankAccount(caller, id, body);
    }

    @PostMapping("/{id}/freeze")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST})
    @Operation(summary = "Freeze a merchant at once (fraud, a court order): its keys are refused with 403 merchant_frozen",
            description = "No approval: stopping money is never the risky direction. Every instance refuses the keys within a few seconds; "
                    + "404 for an unknown merchant; freezing a frozen merchant changes nothing. Unfreezing waits for a second operator.")
    MerchantView freeze(@PathVariable String id) {
        return RecordedChanges.change(() -> merchants.find(id).map(Merchant::status).orElse(null), () -> view(merchants.freeze(id)));
    }

    @PostMapping("/{id}/unfreeze")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST})
    @Operation(summary = "Unfreeze a merchant, with another operator's approval",
            description = "404 for an unknown merchant and 409 merchant_not_frozen for one that is not frozen, at once; otherwise 202 with "
                    + "a pending approval (action merchant.unfreeze): the merchant's keys work again once a risk analyst or admin other "
                    + "than the requester approves.")
    ResponseEntity<ApprovalView> unfreeze(@PathVariable String id, ApiPrincipal caller) {
        return merchantChanges.unfreeze(caller, id);
    }

    record NewMerchantUser(String email, String role) {
    }

    record MerchantUserView(String id, @Schema(allowableValues = "merchant_user") String object, String merchant, String email,
                            @Schema(allowableValues = {"owner", "developer", "finance", "support"}) String role,
                            @Schema(allowableValues = {"invited", "active", "disabled"}) String status, boolean mfaEnabled,
                            String invitedBy, Instant createdAt, Instant lastLoginAt) {

        static MerchantUserView of(MerchantUser u) {
            return new MerchantUserView(u.id(), "merchant_user", u.merchantId(), u.email(), u.role().wireName(), u.status(), u.mfaEnabled(),
                    u.invitedBy(), u.createdAt(), u.lastLoginAt());
        }
    }

    record InvitationCreated(@Schema(allowableValues = "merchant_user_invitation") String object, MerchantUserView user,
                             @Schema(description = "The one-time link the invited person opens to set a password and enrol TOTP; "
                                     + "shown this once, kept only as a hash") String invitationUrl,
                             Instant expiresAt) {
    }

    @PostMapping("/{id}/users")
    @AllowedRoles(OperatorRole.ADMIN)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Invite a person to the merchant's dashboard (its first owner, usually); the answer carries the invitation link, shown this once",
            description = "Body {email, role}: role owner, developer, finance or support. The platform sends no mail: hand the link to the "
                    + "person, who sets a password and enrols an authenticator app (TOTP) with it within 72 hours. Inviting again someone "
                    + "invited issues a new link and the one before stops working. 409 user_exists for an active user of the merchant, "
                    + "email_taken for another merchant's.")
    InvitationCreated invite(@PathVariable String id, @RequestBody NewMerchantUser body, ApiPrincipal caller,
                             jakarta.servlet.http.HttpServletRequest request) {
        if (body == null) {
            throw ApiException.missing("email");
        }
        Invitation invitation = users.invite(id, body.email(), MerchantRole.require(body.role()), caller.id());
        String base = publicUrl.isEmpty()
                ? org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(request).build().toUriString()
                : publicUrl;
        return new InvitationCreated("merchant_user_invitation", MerchantUserView.of(invitation.user()),
                base + "/merchant/invitation?token=" + invitation.token(), invitation.expiresAt());
    }

    @GetMapping("/{id}/users")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.SECURITY, OperatorRole.SUPPORT, OperatorRole.AUDITOR})
    @Operation(summary = "The merchant's dashboard users, newest first, with their roles and status")
    java.util.List<MerchantUserView> users(@PathVariable String id) {
        merchants.find(id).orElseThrow(() -> ApiException.notFound("merchant", id));
        return users.list(id).stream().map(MerchantUserView::of).toList();
    }

    @PostMapping("/{id}/keys")
    @AllowedRoles(OperatorRole.ADMIN)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue a new secret key; the merchant's current keys keep working for the grace period (default 24 h)")
    KeyView rotate(@PathVariable String id, @RequestBody(required = false) RotateKey body) {
        Duration grace = body == null || body.gracePeriodSeconds() == null ? DEFAULT_GRACE : Duration.ofSeconds(body.gracePeriodSeconds());
        MerchantKey key = merchants.rotateKey(id, grace);
        return new KeyView("merchant_key", key.merchantId(), key.secretKey(), key.createdAt(), key.previousKeysExpireAt());
    }
}
