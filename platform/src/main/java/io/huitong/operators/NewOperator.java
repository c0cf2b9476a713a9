package io.huitong.operators;

import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A new operator ({@code POST /v1/admin/operators}): email (unique, compared without case), name, at least
 * one role by its API name, and a first password the password rules accept. {@link #toString()} hides the
 * password.
 */
public record NewOperator(String email, String name, List<String> roles, String password) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public NewOperator {
        if (email == null) {
            throw ApiException.missing("email");
        }
        email = email.strip().toLowerCase(Locale.ROOT);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw ApiException.invalid("email", "email must be an email address, such as ana@example.com");
        }
        if (name == null) {
            throw ApiException.missing("name");
        }
        if (name.isBlank() || name.length() > 64) {
            throw ApiException.invalid("name", "name must be 1 to 64 characters");
        }
        if (roles == null) {
            throw ApiException.missing("roles");
        }
        if (roles.isEmpty()) {
            throw ApiException.invalid("roles", "roles must name at least one role: " + known());
        }
        for (String role : roles) {
            if (role == null || OperatorRole.fromWire(role).isEmpty()) {
                throw ApiException.invalid("roles", "unknown role '" + role + "'; roles are " + known());
            }
        }
        roles = List.copyOf(roles);
        if (password == null) {
            throw ApiException.missing("password");
        }
    }

    public Set<OperatorRole> roleSet() {
        Set<OperatorRole> set = EnumSet.noneOf(OperatorRole.class);
        roles.forEach(r -> set.add(OperatorRole.fromWire(r).orElseThrow()));
        return set;
    }

    private static String known() {
        return String.join(", ", EnumSet.allOf(OperatorRole.class).stream().map(OperatorRole::wireName).toList());
    }

    @Override
    public String toString() {
        return "NewOperator[" + email + ", " + roles + "]";
    }
}
