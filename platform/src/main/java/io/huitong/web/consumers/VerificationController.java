package io.huitong.web.consumers;

import io.huitong.consumers.NewVerificationChannel;
import io.huitong.consumers.RealName;
import io.huitong.consumers.Verification;
import io.huitong.consumers.Verifications;
import io.huitong.identity.ApiPrincipal;
import io.huitong.wallets.AccountClass;
import io.huitong.wallets.Wallets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Consumers' verification (实名认证), channel by channel, and the wallet class it gives. */
@RestController
@RequestMapping("/v1/users/me/verification")
@Tag(name = "Consumers")
class VerificationController {

    private final Verifications verifications;
    private final Wallets wallets;

    VerificationController(Verifications verifications, Wallets wallets) {
        this.verifications = verifications;
        this.wallets = wallets;
    }

    @PostMapping
    @Operation(summary = "Verify the consumer's real name with a resident ID number (the public-security channel)",
            description = "The ID number must have 18 characters with a valid check character (400 parameter_invalid on id_number). "
                    + "Both are stored encrypted and shown masked. Another identity for a verified consumer is a 409 already_verified; "
                    + "an ID number another account is verified with, a 409 id_number_taken. Answers the verification with its channels "
                    + "and the wallet's class.")
    Verification verify(ApiPrincipal caller, @RequestBody RealName body) {
        return withClass(caller.userId(), verifications.verify(caller.userId(), body));
    }

    @PostMapping("/channels")
    @Operation(summary = "Verify the consumer through one more channel",
            description = "channel: public_security, bank_card (with bank_card: {number, phone}, the card's four elements at its bank), "
                    + "phone_operator (the operator's real-name record of the account's phone number), social_security, housing_fund "
                    + "or tax; name and id_number as on the ID card, the same identity as the consumer's other channels (409 "
                    + "already_verified otherwise). One channel makes the wallet class I, three class II, five class III. A channel "
                    + "verified already answers the verification as it stands; a claim the channel's service does not confirm is a 400 "
                    + "verification_failed, one it cannot answer a 503 verification_unavailable: neither records anything. Without a "
                    + "service configured for the channel, only the elements' form is checked and the channel shows checked_by: form "
                    + "(or, where the platform requires services, the claim is a 400 verification_channel_unavailable).")
    Verification addChannel(ApiPrincipal caller, @RequestBody NewVerificationChannel body) {
        return withClass(caller.userId(), verifications.addChannel(caller.userId(), body));
    }

    @GetMapping
    @Operation(summary = "The consumer's verification, masked: its channels and the wallet's class",
            description = "verified:false, no channel and class null while no channel verified the consumer.")
    Verification verification(ApiPrincipal caller) {
        return withClass(caller.userId(), verifications.verification(caller.userId()));
    }

    private Verification withClass(String userId, Verification verification) {
        return verification.withAccountClass(wallets.accountClass(userId).map(AccountClass::name).orElse(null));
    }
}
