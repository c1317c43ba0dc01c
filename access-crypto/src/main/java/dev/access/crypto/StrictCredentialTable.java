package dev.access.crypto;

/**
 * {@link CredentialTable.Variant#STRICT}: a flat array scanned in full on every lookup, with a
 * branch-free fold of the match, so memory access does not depend on the digest at all.
 */
final class StrictCredentialTable implements CredentialTable {
    static final StrictCredentialTable EMPTY = new StrictCredentialTable(new long[0], new int[0]);

    private final long[] words;
    private final int[] tags;

    private StrictCredentialTable(long[] words, int[] tags) {
        this.words = words;
        this.tags = tags;
    }

    static CredentialTable build(CodeFingerprint[] digests, int[] slots) {
        long[] w = new long[digests.length * 4];
        int[] t = new int[digests.length];
        StrictCredentialTable partial = new StrictCredentialTable(w, t);
        for (int i = 0; i < digests.length; i++) {
            // Entries not yet filled hold tag 0 and never match.
            int existing = partial.find(digests[i]);
            if (existing != NOT_FOUND) {
                throw IndexedCredentialTable.duplicate(existing);
            }
            ConstantTime.putWords(w, i, digests[i]);
            t[i] = slots[i] + 1;
        }
        return partial;
    }

    @Override
    public int find(CodeFingerprint d) {
        int acc = 0;
        for (int e = 0; e < tags.length; e++) {
            acc |= ConstantTime.tagIfMatch(words, e, tags[e], d);
        }
        return acc - 1;
    }

    @Override
    public CredentialTable with(CodeFingerprint digest, int slot) {
        IndexedCredentialTable.requireAddable(this, digest, slot);
        int n = tags.length;
        long[] w = java.util.Arrays.copyOf(words, (n + 1) * 4);
        int[] t = java.util.Arrays.copyOf(tags, n + 1);
        ConstantTime.putWords(w, n, digest);
        t[n] = slot + 1;
        return new StrictCredentialTable(w, t);
    }

    @Override
    public CredentialTable withoutSlot(int slot) {
        int tag = slot + 1;
        int keep = 0;
        for (int t : tags) {
            keep += t == tag ? 0 : 1;
        }
        if (keep == tags.length) {
            return this;
        }
        long[] w = new long[keep * 4];
        int[] t = new int[keep];
        int n = 0;
        for (int e = 0; e < tags.length; e++) {
            if (tags[e] != tag) {
                System.arraycopy(words, e * 4, w, n * 4, 4);
                t[n++] = tags[e];
            }
        }
        return new StrictCredentialTable(w, t);
    }

    @Override
    public int size() {
        return tags.length;
    }

    @Override
    public Variant variant() {
        return Variant.STRICT;
    }

    @Override
    public String toString() {
        return "CredentialTable[STRICT, " + tags.length + " entries]";
    }
}
