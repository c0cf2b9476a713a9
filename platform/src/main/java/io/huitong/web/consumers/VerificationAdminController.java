package io.huitong.web.consumers;

import io.huitong.approvals.ApprovalHandler;
import io.huitong.consumers.RealName;
import io.huitong.web.approvals.ApprovalView;
import io.huitong.web.approvals.ChangeApprovals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
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
    private final VerificationChanges verificationChanges;

    VerificationAdminController(Verifications verifications, Users users, Wallets wallets, VerificationChanges verificationChanges) {
        this.verificationChanges = verificationChanges;
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
    @Operation(summary = "Record that an operator verified the consumer face to face, with the ID card in hand, with another operator's "
            + "approval",
            description = "name and id_number as on the ID card the operator saw: the consumer's identity if they have none yet, or "
                    + "the same as their other channels (409 already_verified otherwise, when the approval is carried out). The wallet "
                    + "becomes class III, its highest limits, so the record waits for a second person: answered 202 with a pending "
                    + "approval (action user.verification.face_to_face) showing the identity masked and keeping it sealed; it is recorded "
                    + "when a risk_analyst or admin other than the requester approves, under the operator who saw the consumer. An "
                    + "unknown consumer is a 404, a malformed identity a 400; neither waits.")
    ResponseEntity<ApprovalView> faceToFace(@PathVariable String id, @RequestBody RealName body, ApiPrincipal caller) {
        return verificationChanges.faceToFace(caller, id, body);
    }

    @Configuration(proxyBeanMethods = false)
    static class Approval {

        /** An approved face-to-face verification: recorded under the operator who saw the consumer; the wallet is class III. */
        @Bean
        ApprovalHandler faceToFaceVerification(Verifications verifications, Wallets wallets, ChangeApprovals changes) {
            return ChangeApprovals.handler(VerificationChanges.FACE_TO_FACE, a -> withClass(wallets, a.objectId(), verifications.verification(a.objectId())),
                    a -> withClass(wallets, a.objectId(), verifications.faceToFace(a.objectId(), changes.request(a, RealName.class),
                            a.requestedBy())));
        }
    }

    private void requireUser(String id) {
        if (users.find(id).isEmpty()) {
            throw ApiException.notFound("user", id);
        }
    }

    private Verification withClass(String userId, Verification verification) {
        return withClass(wallets, userId, verification);
    }

    private static Verification withClass(Wallets wallets, String userId, Verification verification) {
        return verification.withAccountClass(wallets.accountClass(userId).map(AccountClass::name).orElse(null));
    }
}
