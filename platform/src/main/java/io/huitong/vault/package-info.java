/**
 * The vault: authenticated encryption (AES-256-GCM) of sensitive data at rest, such as card numbers, and keyed
 * fingerprints (HMAC-SHA256, one derived key per purpose) for matching such data without storing anything that could
 * be reversed by trying candidates. Envelope encryption: random data keys seal and fingerprint, kept in the database
 * wrapped by a master key that only the nodes hold ({@code HUITONG_MASTER_KEY}, or key files in the data directory),
 * unwrapped in memory at start. A master key is rotated while the platform runs (the data keys are wrapped anew, after a
 * second operator's approval) and the old one destroyed. No key ever appears in logs, messages or answers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Vault", allowedDependencies = {"kernel", "identity", "approvals"})
package io.huitong.vault;
