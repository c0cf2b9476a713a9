package io.huitong.web.consumers;

import io.huitong.consumers.RealName;
import io.huitong.consumers.Users;
import io.huitong.consumers.Verification;
import io.huitong.consumers.Verifications;
import io.huitong.identity.AllowedRoles;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.wallets.AccountClass;
import io.huitong.wallets.Wallets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators and consumers' verification: looking at it, and recording a face-to-face verification. */
@RestController
@RequestMapping("/v1/admin/users/{id}/verification")
@Tag(name = "Consumers (operator)")
class VerificationAdminController {

    private final Verifications verifications;
    private final Users users;
    private final Wallets wallets;

    VerificationAdminController(Verifications verifications, Users users, Wallets wallets) {
        this.verifications = verifications;
        this.users = users;
        this.wallets = wallets;
    }

    @GetMapping
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.SUPPORT})
    @Operation(summary = "A consumer's verification, masked: its channels and the wallet's class")
    Verification verification(@PathVariable String id) {
        requireUser(id);
        return withClass(id, verifications.verification(id));
    }

    @PostMapping("/face_to_face")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.SUPPORT})
    @Operation(summary = "Record that an operator verified the consumer face to face, with the ID card in hand",
            description = "name and id_number as on the ID card the operator saw: the consumer's identity if they have none yet, or "
                    + "the same as their other channels (409 already_verified otherwise). The wallet becomes class III. The operator "
                    + "who records it is kept with it. An unknown consumer is a 404.")
    Verification faceToFace(@PathVariable String id, @RequestBody RealName body, ApiPrincipal caller) {
        requireUser(id);
        return withClass(id, verifications.faceToFace(id, body, caller.id()));
    }

    private void requireUser(String id) {
        if (users.find(id).isEmpty()) {
            throw ApiException.notFound("user", id);
        }
    }

    private Verification withClass(String userId, Verification verification) {
        return verification.withAccountClass(wallets.accountClass(userId).map(AccountClass::name).orElse(null));
    }
}
