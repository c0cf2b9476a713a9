package io.huitong.web.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fresh references of each copy (copy 0 is the sample itself): the original with its last nine characters
 * replaced by a marker digit, the original's index (three digits) and the copy's number (five), so that our ids keep
 * their type and length ({@code pay_} and 26 base-32 characters), a UUID stays a UUID, and a channel's retrieval
 * reference or order number stays a number of its width. The copies of two originals, or two copies of one, differ
 * in their last eight digits; the marker is chosen so that no copy is any original. SQL derives the same
 * ({@link #sql}).
 */
final class FreshReferences {

    private static final int TAIL = 9;

    private final int copies;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final char marker;

    FreshReferences(int copies, Set<String> originals) {
        assertThat(copies).isBetween(1, 100_000);
        assertThat(originals.size()).isLessThan(1_000);
        this.copies = copies;
        for (String o : originals) {
            assertThat(o.length()).as(o).isGreaterThan(TAIL);
            index.put(o, index.size());
        }
        marker = "987654321".chars().mapToObj(c -> (char) c).filter(m -> originals.stream().noneMatch(o -> isCopy(o, m, originals)))
                .findFirst().orElseThrow(() -> new IllegalStateException("no marker leaves the originals apart from their copies"));
    }

    /** Whether {@code o} has the form of a copy, with {@code marker}, of an original (itself included). */
    private static boolean isCopy(String o, char marker, Set<String> originals) {
        int at = o.length() - TAIL;
        return o.charAt(at) == marker && o.substring(at + 1).chars().allMatch(Character::isDigit)
                && originals.stream().anyMatch(x -> x.length() == o.length() && x.startsWith(o.substring(0, at)));
    }

    int copies() {
        return copies;
    }

    int index(String original) {
        Integer i = index.get(original);
        if (i == null) {
            throw new IllegalStateException("no fresh references for " + original);
        }
        return i;
    }

    /** The reference's {@code n}th copy: itself for 0, null for null. */
    String of(String original, int n) {
        if (original == null || n == 0) {
            return original;
        }
        return original.substring(0, original.length() - TAIL) + marker + String.format("%03d%05d", index(original), n);
    }

    /**
     * The same in SQL, of the original in {@code volume_original} as {@code alias} and the copy {@code volume_copy c}
     * (null where {@code alias} joined no row).
     */
    String sql(String alias) {
        String a = alias + ".";
        return "substring(" + a + "original, 1, length(" + a + "original) - " + TAIL + ") || '" + marker + "' || lpad(cast(" + a
                + "idx as varchar(3)), 3, '0') || lpad(cast(c.n as varchar(5)), 5, '0')";
    }
}
