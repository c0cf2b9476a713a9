package io.huitong.consumers;

import java.time.Instant;

/** A consumer as the API shows it: the phone number masked. */
public record User(String id, String object, String phone, String name, Instant createdAt) {
}
