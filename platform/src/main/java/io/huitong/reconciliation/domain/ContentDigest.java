package io.huitong.reconciliation.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a statement's content as reconciliation reads it: every line's fields and what the file says about
 * itself, not its bytes. A statement served again is the same statement even where the channel writes it anew (a bank
 * gives each camt.053 message a fresh {@code MsgId}), and whatever differs in what is compared makes another content.
 */
public final class ContentDigest {

    private final MessageDigest digest;

    public ContentDigest() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public void add(StatementLine line) {
        field(line.reference());
        field(line.channelReference());
        field(line.originalReference());
        field(line.kind());
        field(line.reversal() ? "R" : "-");
        field(line.failed() ? "F" : "-");
        field(Long.toString(line.amount()));
        field(line.currency());
        field(Long.toString(line.fee()));
        field(line.occurredAt() == null ? null : line.occurredAt().toString());
        digest.update((byte) '\n');
    }

    public void add(StatementFacts facts) {
        field(facts.party());
        field(facts.date() == null ? null : facts.date().toString());
        StatementFacts.Balances b = facts.balances();
        if (b != null) {
            field(b.currency());
            field(b.opening() + "/" + b.credits() + "/" + b.debits() + "/" + b.closing());
        }
    }

    /** The digest as 64 hex digits; the digest is spent after this. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    // length-prefixed, so that no two different sequences of fields run together into the same bytes
    private void field(String value) {
        if (value == null) {
            digest.update((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) 1);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
