package io.huitong.web.operators;

import io.huitong.identity.AllowedRoles;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.operators.NewOperator;
import io.huitong.operators.Operators;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operator accounts, managed by admins. */
@RestController
@RequestMapping("/v1/admin/operators")
@Tag(name = "Operators (operator)")
class OperatorAdminController {

    private final Operators operators;

    OperatorAdminController(Operators operators) {
        this.operators = operators;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowedRoles(OperatorRole.ADMIN)
    @Operation(summary = "Create an operator with roles and a first password; they enrol TOTP at their first login",
            description = "Roles: admin, risk_analyst, finance, auditor, support (400 parameter_invalid otherwise). The password must be "
                    + "at least 12 characters and not trivial (400 password_too_weak); an email already taken is a 409 email_taken.")
    OperatorView create(@RequestBody NewOperator body) {
        return OperatorView.of(operators.create(body));
    }

    @GetMapping
    @AllowedRoles(OperatorRole.ADMIN)
    Page<OperatorView> list(PageRequest page) {
        return operators.list(page).map(OperatorView::of);
    }

    @GetMapping("/{id}")
    @AllowedRoles(OperatorRole.ADMIN)
    OperatorView get(@PathVariable String id) {
        return OperatorView.of(operators.find(id).orElseThrow(() -> ApiException.notFound("operator", id)));
    }

    @PostMapping("/{id}/disable")
    @AllowedRoles(OperatorRole.ADMIN)
    @Operation(summary = "Disable an operator: their sessions end at once and they can't log in again")
    OperatorView disable(@PathVariable String id, ApiPrincipal caller) {
        if (id.equals(caller.id())) {
            throw ApiException.invalid("id", "An operator can't disable themselves.");
        }
        return OperatorView.of(operators.disable(id));
    }

    @PostMapping("/{id}/reset_mfa")
    @AllowedRoles(OperatorRole.ADMIN)
    @Operation(summary = "Remove an operator's TOTP (a lost device): their sessions end; their next login enrols a new one")
    OperatorView resetMfa(@PathVariable String id) {
        return OperatorView.of(operators.resetMfa(id));
    }
}
