package io.huitong.web.consumers;

import io.huitong.consumers.Login;
import io.huitong.consumers.Session;
import io.huitong.consumers.Users;
import io.huitong.identity.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Consumers' login and logout. */
@RestController
@RequestMapping("/v1/sessions")
@Tag(name = "Consumers")
class SessionController {

    private final Users users;

    SessionController(Users users) {
        this.users = users;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Log in: a session token for Authorization: Bearer",
            description = "Wrong credentials answer 401 invalid_credentials; five within 15 minutes lock the login for the account "
                    + "and for the client address for 15 minutes (429 login_locked).")
    Session login(@RequestBody Login body, HttpServletRequest request) {
        return users.login(body, request.getRemoteAddr());
    }

    @DeleteMapping("/current")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Log out: the session's token authenticates nothing afterwards")
    void logout(ApiPrincipal caller, @RequestHeader("Authorization") String authorization) {
        caller.userId();
        users.logout(authorization.substring(authorization.indexOf(' ') + 1).strip());
    }
}
