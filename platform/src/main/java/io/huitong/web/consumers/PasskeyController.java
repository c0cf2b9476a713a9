package io.huitong.web.consumers;

import io.huitong.consumers.Passkey;
import io.huitong.consumers.PasskeyCeremony;
import io.huitong.consumers.Passkeys;
import io.huitong.consumers.Session;
import io.huitong.identity.ApiPrincipal;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Consumers' passkeys (WebAuthn): registration while logged in, and login with a passkey alone. Each
 * ceremony is two calls: options (with a single-use challenge that expires after 5 minutes and the
 * ceremony's id), then the authenticator's answer as the browser's {@code PublicKeyCredential.toJSON()}
 * with that id.
 */
@RestController
@Tag(name = "Consumers")
class PasskeyController {

    private final Passkeys passkeys;

    PasskeyController(Passkeys passkeys) {
        this.passkeys = passkeys;
    }

    record Registration(@Schema(description = "The id of the ceremony the options came with") String ceremony,
                        @Schema(description = "What the consumer calls this passkey, such as the phone it lives on") String name,
                        @Schema(description = "PublicKeyCredential.toJSON() of navigator.credentials.create()") JsonNode credential) {
    }

    record Login(@Schema(description = "The id of the ceremony the options came with") String ceremony,
                 @Schema(description = "PublicKeyCredential.toJSON() of navigator.credentials.get()") JsonNode credential) {
    }

    @PostMapping("/v1/users/me/passkeys/registration_options")
    @Operation(summary = "Start registering a passkey: creation options for navigator.credentials.create()",
            description = "public_key is a PublicKeyCredentialCreationOptions in JSON (PublicKeyCredential.parseCreationOptionsFromJSON): "
                    + "a discoverable credential with user verification, ES256 or RS256, excluding the consumer's passkeys.")
    PasskeyCeremony registrationOptions(ApiPrincipal caller) {
        return passkeys.registrationOptions(caller.userId());
    }

    @PostMapping("/v1/users/me/passkeys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register the passkey the authenticator created",
            description = "An unknown, used or expired ceremony, or an answer that does not verify, is a 400 passkey_invalid; "
                    + "a passkey registered already is a 409 passkey_exists.")
    Passkey register(ApiPrincipal caller, @RequestBody Registration body) {
        String userId = caller.userId();
        if (body.ceremony() == null) {
            throw ApiException.missing("ceremony");
        }
        return passkeys.register(userId, body.ceremony(), body.credential() == null ? null : body.credential().toString(), body.name());
    }

    @GetMapping("/v1/users/me/passkeys")
    @Operation(summary = "The consumer's passkeys, newest first")
    Page<Passkey> list(ApiPrincipal caller) {
        return new Page<>(passkeys.list(caller.userId()), false);
    }

    @DeleteMapping("/v1/users/me/passkeys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a passkey: it logs in no more")
    void delete(ApiPrincipal caller, @PathVariable String id) {
        passkeys.delete(caller.userId(), id);
    }

    @PostMapping("/v1/sessions/passkey/options")
    @Operation(summary = "Start a login with a passkey: request options for navigator.credentials.get()",
            description = "public_key is a PublicKeyCredentialRequestOptions in JSON (PublicKeyCredential.parseRequestOptionsFromJSON), "
                    + "with no allowCredentials: the authenticator offers the consumer's discoverable passkeys.")
    PasskeyCeremony loginOptions() {
        return passkeys.loginOptions();
    }

    @PostMapping("/v1/sessions/passkey")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Log in with a passkey: a session token for Authorization: Bearer",
            description = "An answer that does not verify (unknown, used or expired ceremony, unknown or deleted passkey, wrong "
                    + "signature, origin or relying party, a signature counter that went backwards) is a 401 passkey_invalid and "
                    + "counts towards the lockout of the client address (429 login_locked).")
    Session login(@RequestBody Login body, HttpServletRequest request) {
        if (body.ceremony() == null) {
            throw ApiException.missing("ceremony");
        }
        return passkeys.login(body.ceremony(), body.credential() == null ? null : body.credential().toString(), request.getRemoteAddr());
    }
}
