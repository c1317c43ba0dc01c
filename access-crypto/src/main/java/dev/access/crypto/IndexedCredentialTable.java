package dev.access.crypto;

/*
 * Implementation notes.
 *
 * Layout: B buckets (a power of two) of W = 4 entries, all in one long[]. Bucket b takes
 * BUCKET_LONGS = 18 longs from b * 18: the four entries' digests (four longs each, entry i at
 * 4i .. 4i+3) and then their tags, two to a long (entry i's in the low or high half of long
 * 16 + i/2). A tag is slot+1 (0 = empty; an empty entry's words are zero). Digest and tag of an
 * entry sit in the same 144-byte bucket, so a lookup reads two buckets and nothing else.
 *
 * Hashing: a digest is HMAC output under a secret key, i.e. uniformly random to anyone without
 * the key, so its own bits index the table with no further hashing. Bucket 1 is the low bits of
 * the first 8 bytes. Bucket 2 lies in the same block of BLOCK = 16 buckets as bucket 1 (2,304
 * bytes): its offset in the block is bits 32.. of the same 8 bytes (moved by one if it would equal
 * bucket 1's). Page locality is the point: a lookup in a large table touches one block, so one or
 * two memory pages, not four (two digest buckets and two tag rows in separate arrays, as an
 * earlier layout did). In a virtual machine every page not in the TLB costs a two-level page walk;
 * that, more than the cache misses themselves, made a lookup among 1M codes slower than among 1.
 *
 * Lookup: always both buckets, all 8 entries, each compared over all 32 bytes with XOR/OR; the
 * match is folded into the result with masks, so there is no branch on a match and no early exit.
 * A miss does exactly the work of a hit. Memory access depends on the (keyed, random) digest's
 * buckets only, never on which entry in them matched.
 *
 * Insertion: two-choice cuckoo with kicks inside the block, at most half full overall. If an
 * insertion fails after MAX_KICKS displacements (a block holds far more than its share), the table
 * is rebuilt with twice the buckets. Tables are immutable: with/withoutSlot copy the array (O(n));
 * bulk loads go through build().
 *
 * Reference: Fan et al., "MemC3" (NSDI 2013) for bucketed cuckoo hashing; dudect (Reparaz et al.,
 * 2017) for how the timing claim is tested in access-bench.
 */
/** {@link CredentialTable.Variant#INDEXED}: fixed work per lookup at any size. */
final class IndexedCredentialTable implements CredentialTable {
    static final int WIDTH = 4;
    /** Longs per bucket: four digests of four longs, then four 32-bit tags in two longs. */
    static final int BUCKET_LONGS = WIDTH * 4 + WIDTH / 2;
    /** Buckets per block: both candidate buckets of a digest lie in one block. */
    static final int BLOCK = 16;
    private static final int MAX_KICKS = 512;

    static final IndexedCredentialTable EMPTY = new IndexedCredentialTable(new long[BUCKET_LONGS], 0, 0);

    private final long[] data;
    private final int mask;
    private final int size;

    private IndexedCredentialTable(long[] data, int mask, int size) {
        this.data = data;
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
        long[] data = new long[buckets * BUCKET_LONGS];
        int mask = buckets - 1;
        for (int i = 0; i < digests.length; i++) {
            int existing = findIn(data, mask, digests[i]);
            if (existing != NOT_FOUND) {
                throw duplicate(existing);
            }
            if (!insert(data, mask, digests[i], slots[i] + 1)) {
                return null;
            }
        }
        return new IndexedCredentialTable(data, mask, digests.length);
    }

    private static boolean insert(long[] data, int mask, CodeFingerprint d, int tag) {
        long w0 = d.w0;
        long w1 = d.w1;
        long w2 = d.w2;
        long w3 = d.w3;
        int bucket = bucket1(w0, mask);
        for (int kick = 0; kick < MAX_KICKS; kick++) {
            int free = freeEntry(data, bucket);
            if (free < 0) {
                int other = alternate(w0, bucket, mask);
                free = freeEntry(data, other);
                if (free >= 0) {
                    bucket = other;
                }
            }
            if (free >= 0) {
                put(data, bucket, free, w0, w1, w2, w3, tag);
                return true;
            }
            // Displace one victim (chosen by the kick count) and move it to its other bucket.
            int victim = kick % WIDTH;
            int at = bucket * BUCKET_LONGS + victim * 4;
            long v0 = data[at];
            long v1 = data[at + 1];
            long v2 = data[at + 2];
            long v3 = data[at + 3];
            int vtag = tagOf(data, bucket, victim);
            put(data, bucket, victim, w0, w1, w2, w3, tag);
            w0 = v0;
            w1 = v1;
            w2 = v2;
            w3 = v3;
            tag = vtag;
            bucket = alternate(w0, bucket, mask);
        }
        return false;
    }

    /** The first empty entry of the bucket, or -1. */
    private static int freeEntry(long[] data, int bucket) {
        for (int i = 0; i < WIDTH; i++) {
            if (tagOf(data, bucket, i) == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int tagOf(long[] data, int bucket, int entry) {
        return (int) (data[bucket * BUCKET_LONGS + WIDTH * 4 + (entry >> 1)] >>> ((entry & 1) << 5));
    }

    private static void put(long[] data, int bucket, int entry, long w0, long w1, long w2, long w3, int tag) {
        int at = bucket * BUCKET_LONGS + entry * 4;
        data[at] = w0;
        data[at + 1] = w1;
        data[at + 2] = w2;
        data[at + 3] = w3;
        int t = bucket * BUCKET_LONGS + WIDTH * 4 + (entry >> 1);
        int shift = (entry & 1) << 5;
        data[t] = (data[t] & ~(0xFFFF_FFFFL << shift)) | ((tag & 0xFFFF_FFFFL) << shift);
    }

    private static int bucket1(long w0, int mask) {
        return (int) w0 & mask;
    }

    /**
     * The other candidate: in bucket 1's block of {@link #BLOCK} buckets (the whole table when it
     * is smaller), at the offset bits 32.. of {@code w0} give, moved by one when it equals bucket 1's
     * own offset. Branch-free.
     */
    private static int bucket2(long w0, int mask) {
        int blockMask = mask & (BLOCK - 1);
        int b1 = (int) w0 & mask;
        int o1 = b1 & blockMask;
        int o2 = (int) (w0 >>> 32) & blockMask;
        // When o2 == o1 and the block has more than one bucket, take the neighbour (o1 ^ 1).
        int same = (int) ConstantTime.isZero(o1 ^ o2) & (blockMask & 1);
        return (b1 & ~blockMask) | (o2 ^ same);
    }

    private static int alternate(long w0, int bucket, int mask) {
        int b1 = bucket1(w0, mask);
        return bucket == b1 ? bucket2(w0, mask) : b1;
    }

    @Override
    public int find(CodeFingerprint digest) {
        return findIn(data, mask, digest);
    }

    private static int findIn(long[] data, int mask, CodeFingerprint d) {
        int acc = compareBucket(data, bucket1(d.w0, mask), d) | compareBucket(data, bucket2(d.w0, mask), d);
        return acc - 1;
    }

    /** slot+1 of the matching entry in the bucket, or 0; branch-free over all four entries. */
    private static int compareBucket(long[] data, int bucket, CodeFingerprint d) {
        int base = bucket * BUCKET_LONGS;
        long t01 = data[base + WIDTH * 4];
        long t23 = data[base + WIDTH * 4 + 1];
        return ConstantTime.tagIfMatchAt(data, base, (int) t01, d)
                | ConstantTime.tagIfMatchAt(data, base + 4, (int) (t01 >>> 32), d)
                | ConstantTime.tagIfMatchAt(data, base + 8, (int) t23, d)
                | ConstantTime.tagIfMatchAt(data, base + 12, (int) (t23 >>> 32), d);
    }

    @Override
    public CredentialTable with(CodeFingerprint digest, int slot) {
        requireAddable(this, digest, slot);
        int entries = (mask + 1) * WIDTH;
        if ((size + 1) * 2 <= entries) {
            long[] copy = data.clone();
            if (insert(copy, mask, digest, slot + 1)) {
                return new IndexedCredentialTable(copy, mask, size + 1);
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
        int buckets = mask + 1;
        boolean any = false;
        for (int b = 0; b < buckets; b++) {
            for (int i = 0; i < WIDTH; i++) {
                any |= tagOf(data, b, i) == tag;
            }
        }
        if (!any) {
            return this;
        }
        long[] copy = data.clone();
        int removed = 0;
        for (int b = 0; b < buckets; b++) {
            for (int i = 0; i < WIDTH; i++) {
                if (tagOf(copy, b, i) == tag) {
                    put(copy, b, i, 0, 0, 0, 0, 0);
                    removed++;
                }
            }
        }
        return new IndexedCredentialTable(copy, mask, size - removed);
    }

    private void collect(CodeFingerprint[] d, int[] s) {
        int n = 0;
        for (int b = 0; b <= mask; b++) {
            for (int i = 0; i < WIDTH; i++) {
                int tag = tagOf(data, b, i);
                if (tag != 0) {
                    int at = b * BUCKET_LONGS + i * 4;
                    d[n] = new CodeDigest(data[at], data[at + 1], data[at + 2], data[at + 3]);
                    s[n] = tag - 1;
                    n++;
                }
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
