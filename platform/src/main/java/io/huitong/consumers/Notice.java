package io.huitong.consumers;

import java.time.Instant;

/**
 * A message to a consumer from the platform, shown in their app: {@code kind} {@code sign_up_attempt} tells the owner
 * of a phone number that someone tried to sign up with it (a sign-up answers the same whether or not the number has an
 * account, so that nobody can find out who is a customer by trying numbers).
 */
public record Notice(String id, String object, String kind, String message, Instant createdAt) {
}
