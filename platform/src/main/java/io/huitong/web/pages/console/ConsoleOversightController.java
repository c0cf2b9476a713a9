package io.huitong.web.pages.console;

import io.huitong.audit.AuditLog;
import io.huitong.channels.Channels;
import io.huitong.consumers.RealName;
import io.huitong.consumers.User;
import io.huitong.consumers.Users;
import io.huitong.consumers.Verification;
import io.huitong.consumers.VerificationChannel;
import io.huitong.consumers.Verifications;
import io.huitong.kernel.ApiException;
import io.huitong.ledger.Ledger;
import io.huitong.wallets.Wallet;
import io.huitong.wallets.Wallets;
import io.huitong.web.consumers.VerificationChanges;
import io.huitong.web.wallets.WalletChanges;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Oversight, through the same services as the API: a consumer's verification, wallet and class, a face-to-face verification
 * recorded with another operator's approval, the wallet frozen at once and a frozen wallet's unfreezing with another
 * operator's approval; and the system's health (the ledger's books, the audit chain's verification and the channels'
 * breakers). Anti-money-laundering is {@link ConsoleAmlController}.
 */
@Hidden
@Controller
@RequestMapping("/console")
class ConsoleOversightController {

    private final Users users;
    private final Verifications verifications;
    private final Wallets wallets;
    private final WalletChanges walletChanges;
    private final VerificationChanges verificationChanges;
    private final Ledger ledger;
    private final AuditLog audit;
    private final Channels channels;

    ConsoleOversightController(Users users, Verifications verifications, Wallets wallets, WalletChanges walletChanges,
                               VerificationChanges verificationChanges, Ledger ledger, AuditLog audit, Channels channels) {
        this.users = users;
        this.verifications = verifications;
        this.wallets = wallets;
        this.walletChanges = walletChanges;
        this.verificationChanges = verificationChanges;
        this.ledger = ledger;
        this.audit = audit;
        this.channels = channels;
    }

    // ---- consumers and wallets ----

    @GetMapping("/consumers")
    @SameRolesAs("GET /v1/admin/users/{id}/verification")
    String consumers(@RequestParam(required = false) String user, @RequestParam(required = false) String done, Model model) {
        String id = Forms.text(user, "user", 64);
        model.addAttribute("user", id);
        if (id != null) {
            User found = users.find(Forms.id(id, "user")).orElseThrow(() -> ApiException.notFound("user", id));
            Wallet wallet = wallets.wallet(found.id());
            model.addAttribute("consumer", found);
            Verification verification = verifications.verification(found.id());
            model.addAttribute("verification", verification);
            model.addAttribute("seenFaceToFace", verification.channels().stream()
                    .anyMatch(c -> VerificationChannel.FACE_TO_FACE.wireName().equals(c.channel())));
            model.addAttribute("wallet", wallet);
        }
        model.addAttribute("done", "unfreezeRequested".equals(done) ? "console.approval.done.requested"
                : "frozen".equals(done) ? "console.consumer.done.frozen" : null);
        return "console/oversight/consumers";
    }

    /** Freezes the consumer's wallet at once, as the API does: stopping money needs no second person. */
    @PostMapping("/consumers/{user}/freeze")
    @SameRolesAs("POST /v1/admin/wallets/{id}/freeze")
    String freeze(@PathVariable String user) {
        String id = Forms.id(user, "user");
        User found = users.find(id).orElseThrow(() -> ApiException.notFound("user", id));
        wallets.freezeByOperator(wallets.wallet(found.id()).id());
        return "redirect:/console/consumers?user=" + found.id() + "&done=frozen";
    }

    /**
     * Asks to record that this operator saw the consumer face to face with their ID card, as the API asks: the identity sealed
     * with the approval (shown masked), recorded under this operator once a risk analyst or admin other than them approves.
     */
    @PostMapping("/consumers/{user}/face_to_face")
    @SameRolesAs("POST /v1/admin/users/{id}/verification/face_to_face")
    String faceToFace(Staff staff, @PathVariable String user, @RequestParam(required = false) String name,
                      @RequestParam(name = "id_number", required = false) String idNumber) {
        String id = Forms.id(user, "user");
        RealName identity = new RealName(Forms.text(name, "name", 60), Forms.text(idNumber, "id_number", 40));
        return ConsoleRiskController.requested(verificationChanges.faceToFace(staff.principal(), id, identity));
    }

    @PostMapping("/wallets/{id}/unfreeze")
    @SameRolesAs("POST /v1/admin/wallets/{id}/unfreeze")
    String unfreeze(Staff staff, @PathVariable String id) {
        return ConsoleRiskController.requested(walletChanges.unfreeze(staff.principal(), Forms.id(id, "wallet")));
    }

    // ---- system ----

    @GetMapping("/system")
    @SameRolesAs({"GET /v1/admin/ledger/check", "GET /v1/admin/audit/verify", "GET /v1/admin/channels"})
    String system(Model model) {
        model.addAttribute("books", ledger.check());
        model.addAttribute("chain", audit.verify());
        model.addAttribute("channels", channels.status());
        return "console/oversight/system";
    }
}
