package io.huitong.merchantusers;

import java.util.List;
import java.util.Optional;

/**
 * A merchant's staff on its dashboard: invitations, their acceptance, logins and sessions, roles, and the dashboard's
 * settings. Every method that names a user takes the merchant too: another merchant's user is not found (404), never
 * forbidden. Refusals are {@link io.huitong.kernel.ApiException}s naming the field.
 */
public interface MerchantUsers {

    /**
     * Invites {@code email} to {@code merchantId}'s dashboard with {@code role}, on behalf of {@code invitedBy} (an
     * operator, or an owner of the merchant): a user in status {@code invited} and the one-time token of their
     * invitation. Inviting again someone invited (or disabled) at this merchant issues a new token, which replaces the
     * one before, with the new role. An email that is an active user's is a 409 {@code user_exists}; one of another
     * merchant's staff a 409 {@code email_taken}; an unknown merchant a 404.
     */
    Invitation invite(String merchantId, String email, MerchantRole role, String invitedBy);

    /** The invitation behind a token that is valid now; empty for one unknown, accepted, replaced or expired. */
    Optional<InvitationView> invitation(String token);

    /**
     * The first step of accepting: the password the invited user chose (the staff password rules) and a new TOTP secret
     * for their authenticator app; calling it again replaces both. A token no longer valid is a 404
     * {@code invitation_invalid}.
     */
    TotpSetup choosePassword(String token, String password);

    /** The secret being enrolled for a valid invitation whose password is chosen, to show it again (a mistyped code). */
    Optional<TotpSetup> pendingTotp(String token);

    /**
     * The last step of accepting: a code from the new secret turns TOTP on and the user active; the token is spent. A
     * wrong code is a 400 {@code invalid_otp} on {@code otp}, counted towards the login's lockout.
     */
    MerchantUser confirmTotp(String token, String otp, String clientAddress);

    /**
     * Opens a session for email, password and a current one-time code. A wrong email or password is a 401
     * {@code invalid_credentials}; a missing code a 401 {@code mfa_required}; a wrong or used one a 401
     * {@code invalid_otp}; a disabled user, one whose invitation is not accepted yet, or a merchant that is not active a
     * 401 of its own. Wrong passwords and codes count towards the lockout (429 {@code login_locked}), per account and per
     * client address.
     */
    MerchantSession login(MerchantUserLogin login, String clientAddress);

    /**
     * The user of a live session: not ended, used within the idle time and younger than the absolute limit, its user
     * active and its merchant active. Each use moves its idle deadline.
     */
    Optional<SignedIn> authenticate(String token);

    /** Ends the session behind the token; it opens nothing afterwards. */
    void logout(String token);

    /** The merchant's staff, newest first. */
    List<MerchantUser> list(String merchantId);

    Optional<MerchantUser> find(String merchantId, String userId);

    /** The user with this email, of whichever merchant (for the record of a failed login); empty for none. */
    Optional<MerchantUser> findByEmail(String email);

    /**
     * Gives a user another role. The merchant's last active owner keeps theirs: a 409 {@code last_owner}.
     */
    MerchantUser changeRole(String merchantId, String userId, MerchantRole role);

    /**
     * Disables a user: their sessions end and they cannot log in again (an owner may invite them again). Nobody disables
     * themselves ({@code byUserId}), and the last active owner stays: 409s {@code cannot_disable_self}, {@code last_owner}.
     */
    MerchantUser disable(String merchantId, String userId, String byUserId);

    DashboardSettings settings(String merchantId);

    DashboardSettings changeSettings(String merchantId, long supportRefundLimit);
}
