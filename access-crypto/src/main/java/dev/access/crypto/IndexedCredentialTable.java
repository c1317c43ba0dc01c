package dev.access.crypto;

/*
 * Implementation notes.
 *
 * Layout: B buckets (a power of two) of W = 4 entries. Entry e holds its digest as four longs at
 * words[4e .. 4e+3] and slot+1 at tags[e] (0 = empty; an empty entry's words are zero).
 *
 * Hashing: a digest is HMAC output under a secret key, i.e. uniformly random to anyone without
 * the key, so its own bits index the table with no further hashing. Bucket 1 is the low bits of
 * the first 8 bytes, bucket 2 the high 32 bits of the same 8 bytes.
 *
 * Lookup: always both buckets, all 8 entries, each compared over all 32 bytes with XOR/OR; the
 * match is folded into the result with masks, so there is no branch on a match and no early exit.
 * A miss does exactly the work of a hit. Memory access depends on the (keyed, random) digest's
 * buckets only, never on which entry in them matched.
 *
 * Insertion: two-choice cuckoo with kicks, at most half full. If an insertion fails after
 * MAX_KICKS displacements, the table is rebuilt with twice the buckets. Tables are immutable:
 * with/withoutSlot copy the arrays (O(n)); bulk loads go through build().
 *
 * Reference: Fan et al., "MemC3" (NSDI 2013) for bucketed cuckoo hashing; dudect (Reparaz et al.,
 * 2017) for how the timing claim is tested in access-bench.
 */
/** {@link CredentialTable.Variant#INDEXED}: fixed work per lookup at any size. */
final class IndexedCredentialTable implements CredentialTable {
    static final int WIDTH = 4;
    private static final int MAX_KICKS = 512;

    static final IndexedCredentialTable EMPTY = new IndexedCredentialTable(new long[WIDTH * 4],
            new int[WIDTH], 0, 0);

    private final long[] words;
    private final int[] tags;
    private final int mask;
    private final int size;

    private IndexedCredentialTable(long[] words, int[] tags, int mask, int size) {
        this.words = words;
        this.tags = tags;
        this.mask = mask;
        this.size = size;
    }

    static CredentialTable build(CodeFingerprint[] digests, int[] slots) {
        int buckets = bucketsFor(digests.length);
        // Keyed HMAC outputs fit at half load almost always; one doubling is rare, six never
        // happen by chance. Digests that still do not fit were crafted to collide in their first
        // eight bytes (e.g. in a forged trail): refuse them instead of growing without bound.
        int maxBuckets = bucketsFor(digests.length) << 6;
        while (buckets <= maxBuckets) {
            IndexedCredentialTable t = tryBuild(digests, slots, buckets);
            if (t != null) {
                return t;
            }
            buckets <<= 1;
        }
        throw new IllegalArgumentException("the " + digests.length + " digests collide in their first 8 bytes"
                + " far beyond chance: they are not keyed HMAC outputs");
    }

    private static int bucketsFor(int entries) {
        // At most half full: buckets = ceil(2 * entries / WIDTH), rounded up to a power of two.
        int needed = Math.max(1, (entries * 2 + WIDTH - 1) / WIDTH);
        return needed == 1 ? 1 : Integer.highestOneBit(needed - 1) << 1;
    }

    /** Null if a cuckoo insertion failed at this size. */
    private static IndexedCredentialTable tryBuild(CodeFingerprint[] digests, int[] slots, int buckets) {
        long[] words = new long[buckets * WIDTH * 4];
        int[] tags = new int[buckets * WIDTH];
        int mask = buckets - 1;
        for (int i = 0; i < digests.length; i++) {
            int existing = findIn(words, tags, mask, digests[i]);
            if (existing != NOT_FOUND) {
                throw duplicate(existing);
            }
            if (!insert(words, tags, mask, digests[i], slots[i] + 1)) {
                return null;
            }
        }
        return new IndexedCredentialTable(words, tags, mask, digests.length);
    }

    private static boolean insert(long[] words, int[] tags, int mask, CodeFingerprint d, int tag) {
        long w0 = d.w0;
        long w1 = d.w1;
        long w2 = d.w2;
        long w3 = d.w3;
        int bucket = bucket1(w0, mask);
        for (int kick = 0; kick < MAX_KICKS; kick++) {
            int free = freeEntry(tags, bucket);
            if (free < 0) {
                free = freeEntry(tags, alternate(w0, bucket, mask));
                if (free >= 0) {
                    bucket = alternate(w0, bucket, mask);
                }
            }
            if (free >= 0) {
                put(words, tags, free, w0, w1, w2, w3, tag);
                return true;
            }
            // Displace one victim (chosen by the kick count) and move it to its other bucket.
            int victim = bucket * WIDTH + (kick % WIDTH);
            long v0 = words[victim * 4];
            long v1 = words[victim * 4 + 1];
            long v2 = words[victim * 4 + 2];
            long v3 = words[victim * 4 + 3];
            int vtag = tags[victim];
            put(words, tags, victim, w0, w1, w2, w3, tag);
            w0 = v0;
            w1 = v1;
            w2 = v2;
            w3 = v3;
            tag = vtag;
            bucket = alternate(w0, bucket, mask);
        }
        return false;
    }

    private static int freeEntry(int[] tags, int bucket) {
        for (int i = 0; i < WIDTH; i++) {
            if (tags[bucket * WIDTH + i] == 0) {
                return bucket * WIDTH + i;
            }
        }
        return -1;
    }

    private static void put(long[] words, int[] tags, int e, long w0, long w1, long w2, long w3, int tag) {
        words[e * 4] = w0;
        words[e * 4 + 1] = w1;
        words[e * 4 + 2] = w2;
        words[e * 4 + 3] = w3;
        tags[e] = tag;
    }

    private static int bucket1(long w0, int mask) {
        return (int) w0 & mask;
    }

    private static int bucket2(long w0, int mask) {
        return (int) (w0 >>> 32) & mask;
    }

    private static int alternate(long w0, int bucket, int mask) {
        int b1 = bucket1(w0, mask);
        return bucket == b1 ? bucket2(w0, mask) : b1;
    }

    @Override
    public int find(CodeFingerprint digest) {
        return findIn(words, tags, mask, digest);
    }

    private static int findIn(long[] words, int[] tags, int mask, CodeFingerprint d) {
        int acc = compareBucket(words, tags, bucket1(d.w0, mask), d)
                | compareBucket(words, tags, bucket2(d.w0, mask), d);
        return acc - 1;
    }

    /** slot+1 of the matching entry in the bucket, or 0; branch-free over all four entries. */
    private static int compareBucket(long[] words, int[] tags, int bucket, CodeFingerprint d) {
        int acc = 0;
        int base = bucket * WIDTH;
        for (int i = 0; i < WIDTH; i++) {
            int e = base + i;
            acc |= ConstantTime.tagIfMatch(words, e, tags[e], d);
        }
        return acc;
    }

    @Override
    public CredentialTable with(CodeFingerprint digest, int slot) {
        requireAddable(this, digest, slot);
        if ((size + 1) * 2 <= tags.length) {
            long[] w = words.clone();
            int[] t = tags.clone();
            if (insert(w, t, mask, digest, slot + 1)) {
                return new IndexedCredentialTable(w, t, mask, size + 1);
            }
        }
        CodeFingerprint[] d = new CodeFingerprint[size + 1];
        int[] s = new int[size + 1];
        collect(d, s);
        d[size] = digest;
        s[size] = slot;
        return build(d, s);
    }

    @Override
    public CredentialTable withoutSlot(int slot) {
        if (slot < 0) {
            // No entry has a negative slot; tag 0 (slot -1) would otherwise match every empty entry.
            return this;
        }
        int tag = slot + 1;
        boolean any = false;
        for (int t : tags) {
            any |= t == tag;
        }
        if (!any) {
            return this;
        }
        long[] w = words.clone();
        int[] t = tags.clone();
        int removed = 0;
        for (int e = 0; e < t.length; e++) {
            if (t[e] == tag) {
                put(w, t, e, 0, 0, 0, 0, 0);
                removed++;
            }
        }
        return new IndexedCredentialTable(w, t, mask, size - removed);
    }

    private void collect(CodeFingerprint[] d, int[] s) {
        int n = 0;
        for (int e = 0; e < tags.length; e++) {
            if (tags[e] != 0) {
                d[n] = new CodeDigest(words[e * 4], words[e * 4 + 1], words[e * 4 + 2], words[e * 4 + 3]);
                s[n] = tags[e] - 1;
                n++;
            }
        }
    }

    /**
     * The preconditions of {@link CredentialTable#with} for both variants: a slot of 0 or more, and
     * a digest the table does not hold yet.
     */
    static void requireAddable(CredentialTable table, CodeFingerprint digest, int slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("slot must be >= 0, was " + slot);
        }
        int existing = table.find(digest);
        if (existing != NOT_FOUND) {
            throw duplicate(existing);
        }
    }

    static IllegalArgumentException duplicate(int slot) {
        return new IllegalArgumentException("DUPLICATE: the code is already held by slot " + slot);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Variant variant() {
        return Variant.INDEXED;
    }

    @Override
    public String toString() {
        return "CredentialTable[INDEXED, " + size + " entries, " + (mask + 1) + " buckets]";
    }
}
