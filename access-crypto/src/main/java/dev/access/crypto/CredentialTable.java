package dev.access.crypto;

/**
 * An immutable map from code digest to slot, searched on every keypad entry.
 *
 * <p>Guarantees: {@link #find} compares full 32-byte digests without early exit and without a
 * branch on which entry matched. For {@link Variant#INDEXED} the work per lookup is fixed (eight
 * comparisons) whatever the number of codes; for {@link Variant#STRICT} it is a scan of every
 * entry. Neither reveals through timing which slot matched, where two digests differ, or how long
 * a shared prefix is; a hit and a miss do the same comparison work.
 *
 * <p>Changes return a new table (copy-on-write), so a table can be shared between threads freely.
 */
public interface CredentialTable {
    /** What {@link #find} returns when no entry holds the digest. */
    int NOT_FOUND = -1;

    /** How a table is laid out. */
    enum Variant {
        /**
         * Bucketed two-choice cuckoo hashing on the digest's first eight bytes: exactly two
         * buckets of four entries are compared per lookup, from 1 to millions of codes. The
         * default.
         */
        INDEXED,
        /**
         * A flat scan that compares every entry: no data-dependent memory access at all, for
         * deployments that forbid it; time grows with the number of codes.
         */
        STRICT
    }

    /** An empty table of the given layout. */
    static CredentialTable empty(Variant variant) {
        return variant == Variant.INDEXED ? IndexedCredentialTable.EMPTY : StrictCredentialTable.EMPTY;
    }

    /** A builder that builds a table of the given layout in one pass (for large tables). */
    static Builder builder(Variant variant) {
        return new Builder(variant);
    }

    /** The slot that holds {@code digest}, or {@link #NOT_FOUND}. */
    int find(CodeFingerprint digest);

    /**
     * A table that also maps {@code digest} to {@code slot}.
     *
     * @throws IllegalArgumentException if {@code slot} is negative or the digest is already in the
     *     table (a DUPLICATE code); the message names the slot that holds it
     */
    CredentialTable with(CodeFingerprint digest, int slot);

    /** A table without the entries of {@code slot}; the same table if it had none. */
    CredentialTable withoutSlot(int slot);

    /** The number of entries. */
    int size();

    /** The layout of this table. */
    Variant variant();

    /** Collects entries, then builds a table in one pass. */
    final class Builder {
        private final Variant variant;
        private final java.util.ArrayList<CodeFingerprint> digests = new java.util.ArrayList<>();
        private final java.util.ArrayList<Integer> slots = new java.util.ArrayList<>();

        private Builder(Variant variant) {
            this.variant = java.util.Objects.requireNonNull(variant, "variant");
        }

        /** Adds one entry (duplicates are rejected by {@link #build()}). */
        public Builder add(CodeFingerprint digest, int slot) {
            if (slot < 0) {
                throw new IllegalArgumentException("slot must be >= 0, was " + slot);
            }
            digests.add(java.util.Objects.requireNonNull(digest, "digest"));
            slots.add(slot);
            return this;
        }

        /**
         * The table.
         *
         * @throws IllegalArgumentException if a digest was added twice
         */
        public CredentialTable build() {
            CodeFingerprint[] d = digests.toArray(new CodeFingerprint[0]);
            int[] s = slots.stream().mapToInt(Integer::intValue).toArray();
            return variant == Variant.INDEXED ? IndexedCredentialTable.build(d, s)
                    : StrictCredentialTable.build(d, s);
        }
    }
}
