package io.huitong.web.consumers;

import io.huitong.consumers.RealName;
import io.huitong.consumers.Verification;
import io.huitong.consumers.Verifications;
import io.huitong.identity.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Consumers' real-name verification (实名认证). */
@RestController
@RequestMapping("/v1/users/me/verification")
@Tag(name = "Consumers")
class VerificationController {

    private final Verifications verifications;

    VerificationController(Verifications verifications) {
        this.verifications = verifications;
    }

    @PostMapping
    @Operation(summary = "Verify the consumer's real name with a resident ID number",
            description = "The ID number must have 18 characters with a valid check character (400 parameter_invalid on id_number). "
                    + "Both are stored encrypted and shown masked. Another identity for a verified consumer is a 409 already_verified.")
    Verification verify(ApiPrincipal caller, @RequestBody RealName body) {
        return verifications.verify(caller.userId(), body);
    }

    @GetMapping
    @Operation(summary = "The consumer's verification, masked; verified:false when there is none")
    Verification verification(ApiPrincipal caller) {
        return verifications.verification(caller.userId());
    }
}
