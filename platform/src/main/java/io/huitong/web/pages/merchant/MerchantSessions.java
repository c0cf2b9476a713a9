package io.huitong.web.pages.merchant;

import io.huitong.identity.Merchant;
import io.huitong.identity.Merchants;
import io.huitong.merchantusers.MerchantSession;
import io.huitong.merchantusers.MerchantUsers;
import io.huitong.merchantusers.SignedIn;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The dashboard's login, kept in the browser: the session's token in an HttpOnly, SameSite=Strict cookie for
 * {@code /merchant} only, Secure over HTTPS, that lives no longer than the session may. The session itself lives on the
 * server ({@link MerchantUsers#authenticate}), which ends it after a while without use, at its absolute limit, at logout,
 * and when the user is disabled; logging out ends it there, not only the cookie.
 */
@Component
class MerchantSessions {

    static final String COOKIE = "huitong_merchant";
    private static final String PATH = "/merchant";
    private static final String RESOLVED = MerchantSessions.class.getName() + ".staff";
    /** A session token is {@code mst_} and 43 base64url characters; anything much longer is not one. */
    private static final int MAX_TOKEN = 128;

    private final MerchantUsers users;
    private final Merchants merchants;
    private final Clock clock;

    MerchantSessions(MerchantUsers users, Merchants merchants, Clock clock) {
        this.users = users;
        this.merchants = merchants;
        this.clock = clock;
    }

    /** The user whose live session the request's cookie carries; empty without one (no cookie, expired, logged out). */
    Optional<Staff> staff(HttpServletRequest request) {
        Object resolved = request.getAttribute(RESOLVED);
        if (resolved instanceof Staff staff) {
            return Optional.of(staff);
        }
        if (resolved != null) {
            return Optional.empty();
        }
        Optional<Staff> staff = token(request).flatMap(users::authenticate).map(this::staff);
        request.setAttribute(RESOLVED, staff.isPresent() ? staff.get() : Boolean.FALSE);
        return staff;
    }

    private Staff staff(SignedIn user) {
        String name = merchants.find(user.merchantId()).map(Merchant::name).orElse(user.merchantId());
        return new Staff(user.userId(), user.merchantId(), name, user.email(), user.role());
    }

    /** Keeps a new session in the browser. */
    void open(HttpServletRequest request, HttpServletResponse response, MerchantSession session) {
        Duration left = Duration.between(clock.instant(), session.expiresAt());
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, session.token(), left.isNegative() ? Duration.ZERO : left).toString());
    }

    /** Ends the user's session, if there is one, and forgets it in the browser. */
    void close(HttpServletRequest request, HttpServletResponse response) {
        token(request).ifPresent(users::logout);
        request.setAttribute(RESOLVED, Boolean.FALSE);
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, "", Duration.ZERO).toString());
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
        return ResponseCookie.from(COOKIE, value).path(PATH).httpOnly(true).sameSite("Strict").secure(request.isSecure())
                .maxAge(maxAge).build();
    }
}
