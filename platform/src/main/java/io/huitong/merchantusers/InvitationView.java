package io.huitong.merchantusers;

import java.time.Instant;

/** What the page of a valid invitation shows: who is invited, to which merchant, with which role, until when. */
public record InvitationView(MerchantUser user, Instant expiresAt) {
}
