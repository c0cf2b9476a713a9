package io.huitong.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of walking the whole chain. When {@code valid} is false, {@code firstBrokenSeq} is the first
 * sequence number that does not hold (an altered entry, the place of a removed one, or the entry a seal no
 * longer matches), {@code reason} says how, and {@code brokenSeal} names the business date of a seal that no
 * longer matches, if that is what broke.
 *
 * @param entries          the entries on the chain
 * @param head             the hash of the last entry (64 zeros when there is none)
 * @param pending          entries written but not yet on the chain (the chainer adds them within a second)
 * @param seals            seals checked
 * @param ledgerTransfers  ledger transfers, every one of which is accounted for by the chain or its queue
 */
public record Verification(boolean valid, long entries, String head, String algorithm, Long firstBrokenSeq, String reason,
                           String brokenSeal, long pending, long seals, long ledgerTransfers, String sealKey) {

    /** As the API and the offline command show it; {@code first_broken_seq}, {@code reason} and {@code broken_seal} only when broken. */
    public Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("valid", valid);
        out.put("entries", entries);
        out.put("head", head);
        if (!valid) {
            out.put("first_broken_seq", firstBrokenSeq);
            out.put("reason", reason);
            if (brokenSeal != null) {
                out.put("broken_seal", brokenSeal);
            }
        }
        out.put("algorithm", algorithm);
        out.put("pending", pending);
        out.put("seals", seals);
        out.put("ledger_transfers", ledgerTransfers);
        out.put("seal_key", sealKey);
        return out;
    }
}
