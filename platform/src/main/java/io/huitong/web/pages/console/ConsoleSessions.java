package io.huitong.web.pages.console;

import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.BearerAuthenticator;
import io.huitong.operators.OperatorSession;
import io.huitong.operators.Operators;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The console's login, kept in the browser: the operator's session token (the same {@code ost_...} session the API's login
 * opens, with its expiry) in an HttpOnly, SameSite=Strict cookie for {@code /console} only, Secure over HTTPS, that lives as
 * long as the session. While an operator enrols their second factor, the enrolment token waits in a cookie of its own for
 * {@code /console/enrol}. Nothing else is kept: logging out ends the session on the server, not only the cookie.
 */
@Component
class ConsoleSessions {

    static final String COOKIE = "huitong_console";
    static final String ENROLMENT_COOKIE = "huitong_console_enrol";
    static final String PATH = "/console";
    static final String ENROLMENT_PATH = "/console/enrol";
    private static final String RESOLVED = ConsoleSessions.class.getName() + ".staff";
    private static final String SESSION_PREFIX = "ost_";
    private static final String ENROLMENT_PREFIX = "oet_";
    /** A token is a prefix and 43 base64url characters; anything much longer is not one. */
    private static final int MAX_TOKEN = 128;

    private final Operators operators;
    private final List<BearerAuthenticator> authenticators;
    private final Clock clock;

    ConsoleSessions(Operators operators, List<BearerAuthenticator> authenticators, Clock clock) {
        this.operators = operators;
        this.authenticators = List.copyOf(authenticators);
        this.clock = clock;
    }

    /** The operator whose live session the request's cookie carries; empty without one (no cookie, expired, logged out, disabled). */
    Optional<Staff> staff(HttpServletRequest request) {
        Object resolved = request.getAttribute(RESOLVED);
        if (resolved instanceof Staff staff) {
            return Optional.of(staff);
        }
        Optional<Staff> staff = cookie(request, COOKIE).filter(t -> t.startsWith(SESSION_PREFIX)).flatMap(this::authenticate);
        staff.ifPresent(s -> request.setAttribute(RESOLVED, s));
        return staff;
    }

    private Optional<Staff> authenticate(String token) {
        for (BearerAuthenticator authenticator : authenticators) {
            Optional<ApiPrincipal> principal = authenticator.authenticate(token);
            if (principal.isPresent()) {
                // only an operator's session opens the console: a merchant's or consumer's token in the cookie is nobody here
                return principal.filter(p -> p.kind() == ApiPrincipal.Kind.OPERATOR).flatMap(p -> operators.find(p.id())
                        .map(o -> new Staff(o.id(), o.name(), o.email(), p.roles(), token)));
            }
        }
        return Optional.empty();
    }

    /** Keeps a new session in the browser, for as long as the session lives; forgets any enrolment. */
    void open(HttpServletRequest request, HttpServletResponse response, OperatorSession session) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, COOKIE, PATH, session.token(), until(session.expiresAt())).toString());
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, ENROLMENT_COOKIE, ENROLMENT_PATH, "", Duration.ZERO).toString());
    }

    /** Ends the operator's session on the server, if there is one, and forgets it in the browser. Answers whose it was. */
    Optional<Staff> close(HttpServletRequest request, HttpServletResponse response) {
        Optional<Staff> staff = staff(request);
        cookie(request, COOKIE).filter(t -> t.startsWith(SESSION_PREFIX)).ifPresent(operators::logout);
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, COOKIE, PATH, "", Duration.ZERO).toString());
        return staff;
    }

    /** Keeps the enrolment token of an operator who must enrol TOTP, until it expires. */
    void enrolling(HttpServletRequest request, HttpServletResponse response, String enrollmentToken, Instant expiresAt) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, ENROLMENT_COOKIE, ENROLMENT_PATH, enrollmentToken, until(expiresAt)).toString());
    }

    /** The enrolment token the browser keeps, if any. */
    Optional<String> enrollmentToken(HttpServletRequest request) {
        return cookie(request, ENROLMENT_COOKIE).filter(t -> t.startsWith(ENROLMENT_PREFIX));
    }

    private Duration until(Instant expiresAt) {
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Optional<String> cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            String value = cookie.getValue();
            if (name.equals(cookie.getName()) && value != null && !value.isBlank() && value.length() <= MAX_TOKEN
                    && value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static ResponseCookie cookie(HttpServletRequest request, String name, String path, String value, Duration maxAge) {
        return ResponseCookie.from(name, value).path(path).httpOnly(true).sameSite("Strict").secure(request.isSecure()).maxAge(maxAge)
                .build();
    }
}
