package io.huitong.web.pages.wallet;

import io.huitong.consumers.Session;
import io.huitong.consumers.Users;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.BearerAuthenticator;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The wallet's login, kept in the browser: the consumer's session token (the same one {@code POST /v1/sessions} gives)
 * in an HttpOnly, SameSite=Lax cookie for {@code /wallet} only, Secure over HTTPS, that lives as long as the session.
 * Nothing about it is kept on the server but the session itself; logging out ends the session, not only the cookie.
 */
@Component
class WalletSessions {

    static final String COOKIE = "huitong_wallet";
    private static final String PATH = "/wallet";
    private static final String RESOLVED = WalletSessions.class.getName() + ".payer";
    /** A session token is {@code ust_} and 43 base64url characters; anything much longer is not one. */
    private static final int MAX_TOKEN = 128;

    private final Users users;
    private final List<BearerAuthenticator> authenticators;
    private final Clock clock;

    WalletSessions(Users users, List<BearerAuthenticator> authenticators, Clock clock) {
        this.users = users;
        this.authenticators = List.copyOf(authenticators);
        this.clock = clock;
    }

    /** The payer whose valid session the request's cookie carries; empty without one (no cookie, expired, logged out). */
    Optional<Payer> payer(HttpServletRequest request) {
        Object resolved = request.getAttribute(RESOLVED);
        if (resolved instanceof Payer payer) {
            return Optional.of(payer);
        }
        Optional<Payer> payer = token(request).flatMap(token -> authenticate(token).map(userId -> new Payer(userId, token)));
        payer.ifPresent(p -> request.setAttribute(RESOLVED, p));
        return payer;
    }

    /** Keeps a new session in the browser. */
    void open(HttpServletRequest request, HttpServletResponse response, Session session) {
        Duration left = Duration.between(clock.instant(), session.expiresAt());
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, session.token(), left.isNegative() ? Duration.ZERO : left).toString());
    }

    /** Ends the payer's session, if there is one, and forgets it in the browser. */
    void close(HttpServletRequest request, HttpServletResponse response) {
        token(request).ifPresent(users::logout);
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, "", Duration.ZERO).toString());
    }

    private Optional<String> authenticate(String token) {
        for (BearerAuthenticator authenticator : authenticators) {
            Optional<ApiPrincipal> principal = authenticator.authenticate(token);
            if (principal.isPresent()) {
                // only a consumer's session opens the wallet: an operator's or merchant's key in the cookie is nobody here
                return principal.filter(p -> p.kind() == ApiPrincipal.Kind.USER).map(ApiPrincipal::id);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> token(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            String value = cookie.getValue();
            if (COOKIE.equals(cookie.getName()) && value != null && !value.isBlank() && value.length() <= MAX_TOKEN
                    && value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static ResponseCookie cookie(HttpServletRequest request, String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value).path(PATH).httpOnly(true).sameSite("Lax").secure(request.isSecure())
                .maxAge(maxAge).build();
    }
}
