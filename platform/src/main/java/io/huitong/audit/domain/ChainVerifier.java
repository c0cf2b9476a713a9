package io.huitong.audit.domain;

import io.huitong.audit.AuditEntry;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Walks a chain in sequence order and finds the first place it does not hold: a gap (a removed entry), a
 * link to the wrong previous hash, an entry whose fields no longer give its hash, a problem the caller found
 * in what the entry points to (a ledger transfer that changed), a day's seal that no longer matches, or a
 * head that says the chain went further than what is stored. Fed one entry at a time, so chains of any
 * length are checked in constant memory.
 */
public final class ChainVerifier {

    private final Deque<Seal> seals;
    private long expectedSeq = 1;
    private String prevHash = Chain.GENESIS;
    private Long brokenAt;
    private String reason;
    private String brokenSeal;
    private long entries;

    /** {@code seals}: every stored seal, in any order. */
    public ChainVerifier(List<Seal> seals) {
        this.seals = new ArrayDeque<>(seals.stream().sorted(Comparator.comparingLong(Seal::seq)).toList());
        while (!this.seals.isEmpty() && this.seals.peekFirst().seq() < 1) {
            Seal s = this.seals.pollFirst();
            if (s.seq() < 0 || !s.hash().equals(Chain.GENESIS) || !s.signatureValid()) {
                breakAt(1, "the seal of " + s.businessDate() + " does not match", s.businessDate().toString());
            }
        }
    }

    /** Whether nothing broke so far: once it is false, further entries are not looked at. */
    public boolean intact() {
        return brokenAt == null;
    }

    /**
     * Takes the next stored entry. {@code contentProblem}: what the caller found wrong with what the entry
     * records (null when nothing).
     */
    public void accept(AuditEntry e, String contentProblem) {
        if (!intact()) {
            return;
        }
        if (e.seq() != expectedSeq) {
            breakAt(expectedSeq, e.seq() > expectedSeq ? "entry " + expectedSeq + " is missing" : "entry " + e.seq() + " is out of order", null);
            return;
        }
        HashAlgorithm algorithm = HashAlgorithm.fromWire(e.algorithm()).orElse(null);
        if (algorithm == null) {
            breakAt(e.seq(), "unknown hash algorithm", null);
            return;
        }
        if (!prevHash.equals(e.prevHash())) {
            breakAt(e.seq(), "prev_hash does not link to the entry before", null);
            return;
        }
        if (!Chain.expectedHash(e, algorithm).equals(e.hash())) {
            breakAt(e.seq(), "the entry was altered: its fields do not give its hash", null);
            return;
        }
        if (contentProblem != null) {
            breakAt(e.seq(), contentProblem, null);
            return;
        }
        while (!seals.isEmpty() && seals.peekFirst().seq() == e.seq()) {
            Seal s = seals.pollFirst();
            if (!s.hash().equals(e.hash()) || !s.signatureValid()) {
                breakAt(e.seq(), "the seal of " + s.businessDate() + " does not match", s.businessDate().toString());
                return;
            }
        }
        entries++;
        prevHash = e.hash();
        expectedSeq++;
    }

    /**
     * Ends the walk: the stored head (null when there is none) must be the last entry, and no seal may be
     * beyond it.
     */
    public void finish(Long headSeq, String headHash) {
        if (!intact()) {
            return;
        }
        long last = expectedSeq - 1;
        if (!seals.isEmpty()) {
            Seal s = seals.peekFirst();
            breakAt(expectedSeq, "entries after " + last + " are missing: the seal of " + s.businessDate() + " covers up to " + s.seq(),
                    s.businessDate().toString());
            return;
        }
        if (headSeq != null && (headSeq != last || !prevHash.equals(headHash))) {
            breakAt(Math.min(headSeq, last) + 1, headSeq > last ? "entries after " + last + " are missing: the head is at " + headSeq
                    : "the head does not match the last entry", null);
        }
    }

    public long entries() {
        return entries;
    }

    /** The hash of the last intact entry. */
    public String head() {
        return prevHash;
    }

    public Long firstBrokenSeq() {
        return brokenAt;
    }

    public String reason() {
        return reason;
    }

    public String brokenSeal() {
        return brokenSeal;
    }

    private void breakAt(long seq, String why, String seal) {
        if (brokenAt == null) {
            brokenAt = seq;
            reason = why;
            brokenSeal = seal;
        }
    }
}
