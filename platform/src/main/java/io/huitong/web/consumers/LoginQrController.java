package io.huitong.web.consumers;

import io.huitong.consumers.LoginQr;
import io.huitong.consumers.LoginQrs;
import io.huitong.identity.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * QR login: the page creates a login QR ({@code POST}, no token) and polls it with its poll token
 * ({@code Huitong-Poll-Token} header); the consumer's phone, logged in, approves it with the nonce from the
 * payload.
 */
@RestController
@RequestMapping("/v1/login_qr")
@Tag(name = "Consumers")
class LoginQrController {

    static final String POLL_TOKEN_HEADER = "Huitong-Poll-Token";

    private final LoginQrs loginQrs;

    LoginQrController(LoginQrs loginQrs) {
        this.loginQrs = loginQrs;
    }

    record Approval(String nonce) {
    }

    @PostMapping
    @Operation(summary = "A login QR for a web page: its qr_payload to show, its poll_token to keep",
            description = "Expires after 2 minutes. The page draws qr_payload as a QR code and polls GET /v1/login_qr/{id} with "
                    + "the Huitong-Poll-Token header.")
    ResponseEntity<LoginQr> create() {
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(loginQrs.create());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Poll a login QR: pending, approved (with the session, once), consumed or expired",
            description = "Needs the Huitong-Poll-Token header from the creation; without it, or with another one, 404.")
    ResponseEntity<LoginQr> poll(@PathVariable String id, @RequestHeader(value = POLL_TOKEN_HEADER, required = false) String pollToken,
                                 HttpServletRequest request) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(loginQrs.poll(id, pollToken, request.getRemoteAddr()));
    }

    @PostMapping("/{id}/approve")
    @Operation(summary = "Approve a login QR from the logged-in phone, with the nonce from its qr_payload",
            description = "A wrong nonce is a 400 parameter_invalid; an expired QR a 409 login_qr_expired; one already approved "
                    + "a 409 login_qr_used.")
    LoginQr approve(ApiPrincipal caller, @PathVariable String id, @RequestBody Approval body) {
        return loginQrs.approve(id, body.nonce(), caller.userId());
    }
}
