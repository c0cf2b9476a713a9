package io.huitong.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.audit.AuditEntry;
import io.huitong.audit.MovedMoney;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private static final Instant AT = Instant.parse("2026-12-06T02:00:00.123456Z");

    static List<AuditEntry> chain(int n, HashAlgorithm algorithm) {
        List<AuditEntry> out = new ArrayList<>();
        String prev = Chain.GENESIS;
        for (int seq = 1; seq <= n; seq++) {
            Instant at = AT.plusSeconds(seq);
            String detail = "{\"request\":{\"n\":" + seq + "}}";
            String hash = Chain.hash(algorithm, seq, prev, at, "opr_a", "POST /v1/admin/x", "x", "x_" + seq, "10.0.0.1", "req_" + seq, detail);
            out.add(new AuditEntry(seq, at, "opr_a", "POST /v1/admin/x", "x", "x_" + seq, "10.0.0.1", "req_" + seq, detail,
                    algorithm.wireName(), prev, hash));
            prev = hash;
        }
        return out;
    }

    private static ChainVerifier walk(List<AuditEntry> entries, List<Seal> seals, Long headSeq, String headHash) {
        ChainVerifier v = new ChainVerifier(seals);
        entries.forEach(e -> v.accept(e, null));
        v.finish(headSeq, headHash);
        return v;
    }

    @Test
    void anIntactChainHoldsUnderEitherHash() {
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            List<AuditEntry> entries = chain(5, algorithm);
            ChainVerifier v = walk(entries, List.of(new Seal(LocalDate.of(2026, 12, 5), 3, entries.get(2).hash(), true)), 5L,
                    entries.getLast().hash());
            assertThat(v.intact()).as(v.reason()).isTrue();
            assertThat(v.entries()).isEqualTo(5);
            assertThat(v.head()).isEqualTo(entries.getLast().hash()).hasSize(64);
        }
    }

    @Test
    void sm3AndSha256GiveDifferentHashesOfTheSameEntry() {
        assertThat(chain(1, HashAlgorithm.SM3).getFirst().hash()).isNotEqualTo(chain(1, HashAlgorithm.SHA256).getFirst().hash());
    }

    @Test
    void anyChangedFieldIsNamedByItsSequenceNumber() {
        List<AuditEntry> entries = chain(6, HashAlgorithm.SM3);
        AuditEntry e = entries.get(3);
        List<AuditEntry> altered = new ArrayList<>(entries);
        altered.set(3, new AuditEntry(e.seq(), e.at(), e.actor(), e.action(), e.objectType(), e.objectId(), "10.0.0.2", e.requestId(), e.detail(),
                e.algorithm(), e.prevHash(), e.hash()));
        ChainVerifier v = walk(altered, List.of(), 6L, entries.getLast().hash());
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(4);

        altered.set(3, new AuditEntry(e.seq(), e.at().plusNanos(1000), e.actor(), e.action(), e.objectType(), e.objectId(), e.ip(), e.requestId(),
                e.detail(), e.algorithm(), e.prevHash(), e.hash()));
        assertThat(walk(altered, List.of(), 6L, entries.getLast().hash()).firstBrokenSeq()).isEqualTo(4);
    }

    @Test
    void aRemovedEntryIsNamed() {
        List<AuditEntry> entries = new ArrayList<>(chain(6, HashAlgorithm.SM3));
        entries.remove(2);
        ChainVerifier v = walk(entries, List.of(), 6L, entries.getLast().hash());
        assertThat(v.firstBrokenSeq()).isEqualTo(3);
        assertThat(v.reason()).contains("missing");
    }

    @Test
    void removedLastEntriesShowAgainstTheHeadOrASeal() {
        List<AuditEntry> entries = chain(6, HashAlgorithm.SM3);
        List<AuditEntry> cut = entries.subList(0, 4);
        assertThat(walk(cut, List.of(), 6L, entries.getLast().hash()).firstBrokenSeq()).isEqualTo(5);
        // the head rewritten too: the day's seal still knows how far the chain went
        ChainVerifier sealed = walk(cut, List.of(new Seal(LocalDate.of(2026, 12, 5), 6, entries.getLast().hash(), true)), 4L, cut.getLast().hash());
        assertThat(sealed.firstBrokenSeq()).isEqualTo(5);
        assertThat(sealed.brokenSeal()).isEqualTo("2026-12-05");
    }

    @Test
    void aSealThatDoesNotMatchIsNamed() {
        List<AuditEntry> entries = chain(5, HashAlgorithm.SM3);
        ChainVerifier wrongHash = walk(entries, List.of(new Seal(LocalDate.of(2026, 12, 4), 2, entries.get(3).hash(), true)), 5L,
                entries.getLast().hash());
        assertThat(wrongHash.firstBrokenSeq()).isEqualTo(2);
        assertThat(wrongHash.brokenSeal()).isEqualTo("2026-12-04");
        ChainVerifier badSignature = walk(entries, List.of(new Seal(LocalDate.of(2026, 12, 4), 2, entries.get(1).hash(), false)), 5L,
                entries.getLast().hash());
        assertThat(badSignature.firstBrokenSeq()).isEqualTo(2);
    }

    @Test
    void aProblemFoundInWhatAnEntryRecordsBreaksItThere() {
        List<AuditEntry> entries = chain(3, HashAlgorithm.SM3);
        ChainVerifier v = new ChainVerifier(List.of());
        v.accept(entries.get(0), null);
        v.accept(entries.get(1), "a ledger transfer it records was altered");
        assertThat(v.firstBrokenSeq()).isEqualTo(2);
        assertThat(v.reason()).contains("ledger transfer");
    }

    @Test
    void theDigestOfTransfersChangesWithAnyFieldAndWithTheirOrder() {
        MovedMoney a = new MovedMoney("t1", "POSTED", "acc_1", "acc_2", 1000, "CNY", null, null, "sale", "pay_1");
        MovedMoney b = new MovedMoney("t2", "POSTED", "acc_2", "acc_3", 30, "CNY", null, null, "fee", "pay_1");
        String digest = Chain.digest(HashAlgorithm.SM3, List.of(a, b));
        assertThat(Chain.digest(HashAlgorithm.SM3, List.of(b, a))).isNotEqualTo(digest);
        assertThat(Chain.digest(HashAlgorithm.SM3, List.of(a, new MovedMoney("t2", "POSTED", "acc_2", "acc_3", 31, "CNY", null, null, "fee",
                "pay_1")))).isNotEqualTo(digest);
        // null and empty are different fields
        assertThat(Chain.digest(HashAlgorithm.SM3, List.of(new MovedMoney("t1", "POSTED", "acc_1", "acc_2", 1000, "CNY", "", null, "sale", "pay_1"),
                b))).isNotEqualTo(digest);
        assertThat(Chain.digest(HashAlgorithm.SM3, List.of(a, b))).isEqualTo(digest);
    }

    @Test
    void sm3IsTheStandardOne() {
        // GB/T 32905-2016, example 1: SM3("abc")
        org.bouncycastle.crypto.Digest d = HashAlgorithm.SM3.digest();
        byte[] abc = "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        d.update(abc, 0, abc.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        assertThat(org.bouncycastle.util.encoders.Hex.toHexString(out))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }
}
