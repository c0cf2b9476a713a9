package io.huitong.web.consumers;

import io.huitong.consumers.NewUser;
import io.huitong.consumers.Notice;
import io.huitong.consumers.User;
import io.huitong.consumers.Users;
import io.huitong.identity.ApiPrincipal;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Consumers' sign-up and profile (docs/api.md, "Consumers and wallet"). */
@RestController
@RequestMapping("/v1/users")
@Tag(name = "Consumers")
class UserController {

    private final Users users;

    UserController(Users users) {
        this.users = users;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Sign up with a mainland mobile number and a password",
            description = "The password must be at least 10 characters and not a common one (400 password_too_weak); "
                    + "a phone number signed up already is answered the same way, changes nothing, and its owner finds a notice.")
    User signUp(@RequestBody NewUser body) {
        return users.signUp(body);
    }

    @GetMapping("/me")
    @Operation(summary = "The consumer behind the session token")
    User me(ApiPrincipal caller) {
        return users.find(caller.userId()).orElseThrow(() -> ApiException.notFound("user", caller.id()));
    }

    @GetMapping("/me/notices")
    @Operation(summary = "The consumer's notices, newest first (such as a sign-up attempt with their phone number)")
    Page<Notice> notices(ApiPrincipal caller, PageRequest page) {
        return users.notices(caller.userId(), page);
    }
}
