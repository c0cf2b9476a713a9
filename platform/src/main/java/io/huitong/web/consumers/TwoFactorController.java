package io.huitong.web.consumers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.huitong.consumers.Totp;
import io.huitong.consumers.TotpConfirmation;
import io.huitong.consumers.TwoFactor;
import io.huitong.identity.ApiPrincipal;
import io.huitong.kernel.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Consumers' two-factor login with an authenticator app (TOTP) and recovery codes. */
@RestController
@RequestMapping("/v1/users/me/mfa/totp")
@Tag(name = "Consumers")
class TwoFactorController {

    private final TwoFactor twoFactor;

    TwoFactorController(TwoFactor twoFactor) {
        this.twoFactor = twoFactor;
    }

    /** The answer about the authenticator, with the QR image of the otpauth URI (PNG, base64) while pending. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TotpAnswer(String object, String status, String secret, String otpauthUri, String qrPng, Instant enabledAt) {

        static TotpAnswer of(Totp totp) {
            return new TotpAnswer(totp.object(), totp.status(), totp.secret(), totp.otpauthUri(),
                    totp.otpauthUri() == null ? null : QrImages.pngBase64(totp.otpauthUri()), totp.enabledAt());
        }

        @Override
        public String toString() {
            return "TotpAnswer[" + status + "]";
        }
    }

    record Code(String code) {

        @Override
        public String toString() {
            return "Code[hidden]";
        }
    }

    @PostMapping
    @Operation(summary = "Set up an authenticator app: a new secret, pending until confirmed",
            description = "Answers the Base32 secret, the otpauth URI and a PNG QR image of it (qr_png, base64). "
                    + "409 totp_enabled when two-factor login is already on.")
    ResponseEntity<TotpAnswer> start(ApiPrincipal caller) {
        return noStore(TotpAnswer.of(twoFactor.startTotp(caller.userId())));
    }

    @GetMapping
    @Operation(summary = "Where the authenticator's setup stands: none, pending (with the secret and QR) or enabled")
    ResponseEntity<TotpAnswer> status(ApiPrincipal caller) {
        return noStore(TotpAnswer.of(twoFactor.totp(caller.userId())));
    }

    @GetMapping(value = "/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "The QR image of the pending setup's otpauth URI")
    ResponseEntity<byte[]> qr(ApiPrincipal caller) {
        Totp totp = twoFactor.totp(caller.userId());
        if (totp.otpauthUri() == null) {
            throw ApiException.notFound("pending authenticator setup", "totp");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
                .body(QrImages.png(totp.otpauthUri()));
    }

    @PostMapping("/confirm")
    @Operation(summary = "Turn two-factor login on with a code from the app; answers ten one-time recovery codes, shown once",
            description = "A wrong code is a 400 otp_invalid.")
    ResponseEntity<TotpConfirmation> confirm(ApiPrincipal caller, @RequestBody Code body) {
        return noStore(twoFactor.confirmTotp(caller.userId(), body.code()));
    }

    @DeleteMapping
    @Operation(summary = "Turn two-factor login off, with a current code or a recovery code")
    ResponseEntity<TotpAnswer> disable(ApiPrincipal caller, @RequestBody Code body) {
        return noStore(TotpAnswer.of(twoFactor.disableTotp(caller.userId(), body.code())));
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
