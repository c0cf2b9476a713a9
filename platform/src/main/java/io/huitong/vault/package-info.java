/**
 * The vault: authenticated encryption (AES-256-GCM) of sensitive data at rest, such as card numbers,
 * and keyed fingerprints (HMAC-SHA256, one derived key per purpose) for matching such data without
 * storing anything that could be reversed by trying candidates. The master key comes from
 * {@code HUITONG_MASTER_KEY} or, when unset, from a key file generated once in the data directory. The
 * key never appears in logs or messages.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Vault", allowedDependencies = {"kernel"})
package io.huitong.vault;
