package dev.access.crypto;

import static dev.access.crypto.CredentialTable.NOT_FOUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The INDEXED table's sizing and its two candidate buckets: how large it grows (at most half full,
 * a power of two), that both of a digest's buckets are used even when their offsets coincide, and
 * that crowded blocks still hold every entry (the cuckoo displacements).
 */
class IndexedCredentialTableLayoutTest {

    private static final Pattern BUCKETS = Pattern.compile("(\\d+) entries, (\\d+) buckets");

    private static int buckets(CredentialTable t) {
        Matcher m = BUCKETS.matcher(t.toString());
        assertTrue(m.find(), t.toString());
        assertEquals(t.size(), Integer.parseInt(m.group(1)), t.toString());
        return Integer.parseInt(m.group(2));
    }

    /** The smallest power of two holding {@code n} entries at most half full (four entries a bucket). */
    private static int expectedBuckets(int n) {
        int needed = Math.max(1, (n + 1) / 2);
        int b = 1;
        while (b < needed) {
            b <<= 1;
        }
        return b;
    }

    private static CodeDigest random(Random r) {
        return new CodeDigest(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
    }

    @Test
    void aBuiltTable_hasTheSmallestPowerOfTwoOfBucketsThatKeepsItHalfFull() {
        Random r = new Random(7);
        for (int n : new int[] {1, 2, 3, 4, 5, 8, 9, 16, 17, 100, 1000, 1025, 4096}) {
            CredentialTable.Builder b = CredentialTable.builder(CredentialTable.Variant.INDEXED);
            CodeDigest[] d = new CodeDigest[n];
            for (int i = 0; i < n; i++) {
                d[i] = random(r);
                b.add(d[i], i);
            }
            CredentialTable t = b.build();
            assertEquals(expectedBuckets(n), buckets(t), "n = " + n);
            for (int i = 0; i < n; i++) {
                assertEquals(i, t.find(d[i]), "n = " + n + ", entry " + i);
            }
        }
    }

    @Test
    void aTableGrownOneCodeAtATime_growsOnlyWhenMoreThanHalfFull() {
        Random r = new Random(8);
        CredentialTable t = CredentialTable.empty(CredentialTable.Variant.INDEXED);
        assertEquals(1, buckets(t));
        CodeDigest[] d = new CodeDigest[300];
        for (int n = 1; n <= d.length; n++) {
            d[n - 1] = random(r);
            t = t.with(d[n - 1], n - 1);
            assertEquals(n, t.size());
            assertEquals(expectedBuckets(n), buckets(t), "after " + n + " codes");
        }
        for (int i = 0; i < d.length; i++) {
            assertEquals(i, t.find(d[i]));
        }
    }

    /**
     * Eight digests with the same first eight bytes have the same two buckets at any size: exactly
     * eight fit, the ninth is refused as crafted. In a table of four buckets the first value's
     * offsets are 1 and 2; the others' coincide (3 and 3, 2 and 2), so their second bucket is the
     * neighbour (2, 3) and the eight still fit.
     */
    @Test
    void eightDigestsSharingTheirFirstEightBytes_fillBothBuckets_andANinthIsRefused() {
        for (long w0 : new long[] {0x0000_0006_0000_0005L, 0x0000_0003_0000_0003L, 0x0000_000E_0000_000EL}) {
            CredentialTable.Builder eight = CredentialTable.builder(CredentialTable.Variant.INDEXED);
            CredentialTable oneByOne = CredentialTable.empty(CredentialTable.Variant.INDEXED);
            for (int i = 0; i < 8; i++) {
                CodeDigest d = new CodeDigest(w0, i, 2L * i, 3L * i);
                eight.add(d, i);
                oneByOne = oneByOne.with(d, i);
            }
            CredentialTable t = eight.build();
            assertEquals(expectedBuckets(8), buckets(t), Long.toHexString(w0));
            assertEquals(expectedBuckets(8), buckets(oneByOne), Long.toHexString(w0));
            for (int i = 0; i < 8; i++) {
                CodeDigest d = new CodeDigest(w0, i, 2L * i, 3L * i);
                assertEquals(i, t.find(d), Long.toHexString(w0) + " entry " + i);
                assertEquals(i, oneByOne.find(d), Long.toHexString(w0) + " entry " + i);
            }
            assertEquals(NOT_FOUND, t.find(new CodeDigest(w0, 8, 16, 24)));
            CodeDigest ninth = new CodeDigest(w0, 8, 16, 24);
            eight.add(ninth, 8);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, eight::build);
            assertTrue(e.getMessage().contains("9 digests collide"), e.getMessage());
            CredentialTable full = oneByOne;
            assertThrows(IllegalArgumentException.class, () -> full.with(ninth, 8));
        }
    }

    /**
     * Nine digests whose first eight bytes agree in every bit a table of up to 256 buckets reads,
     * and differ in bit 8: they share one pair of buckets (eight entries) until the table has 512
     * buckets, the largest size a build of nine tries (64 times the 8 it starts from). The build
     * must try that size too, and then holds them all.
     */
    @Test
    void digestsThatFitOnlyAtTheLargestSizeTried_areHeldAtThatSize() {
        CredentialTable.Builder b = CredentialTable.builder(CredentialTable.Variant.INDEXED);
        CodeDigest[] d = new CodeDigest[9];
        for (int i = 0; i < 9; i++) {
            long w0 = 0x0000_0005_0000_0003L | (i < 5 ? 0L : 1L << 8);
            d[i] = new CodeDigest(w0, i, i, i);
            b.add(d[i], i);
        }
        CredentialTable t = b.build();
        assertEquals(8 << 6, buckets(t));
        for (int i = 0; i < 9; i++) {
            assertEquals(i, t.find(d[i]));
        }
    }

    /**
     * Adding to a table that has room overall but not in the new digest's two buckets: the insert
     * in place fails, and the table is rebuilt (here: refused, as the nine collide), never
     * returned without the digest.
     */
    @Test
    void addingADigestWhoseBucketsAreFull_rebuildsInsteadOfDroppingIt() {
        Random r = new Random(10);
        CredentialTable.Builder b = CredentialTable.builder(CredentialTable.Variant.INDEXED);
        long w0 = 0x0000_0006_0000_0005L;
        for (int i = 0; i < 8; i++) {
            b.add(new CodeDigest(w0, i, i, i), i);
        }
        for (int i = 8; i < 12; i++) {
            b.add(random(r), i);
        }
        CredentialTable t = b.build();
        assertEquals(8, buckets(t), "room for 16 at half load; the pair of buckets holds the eight");
        CodeDigest ninth = new CodeDigest(w0, 8, 8, 8);
        assertThrows(IllegalArgumentException.class, () -> t.with(ninth, 12));
        // A digest with room in its buckets is added in place.
        CodeDigest other = random(r);
        assertEquals(12, t.with(other, 12).find(other));
    }

    /**
     * Digests crowded into one block of sixteen buckets (their bucket bits chosen) among random
     * ones: inserting them takes displacements inside the block, and still every entry is found
     * under its own slot and the table grows by a bounded factor.
     */
    @Test
    void aCrowdedBlock_isResolvedByDisplacement_withoutLosingAnEntry() {
        Random r = new Random(9);
        int crowded = 40;
        int spread = 600;
        CredentialTable.Builder b = CredentialTable.builder(CredentialTable.Variant.INDEXED);
        CodeDigest[] d = new CodeDigest[crowded + spread];
        for (int i = 0; i < d.length; i++) {
            long w0 = r.nextLong();
            if (i < crowded) {
                w0 &= ~0x3FFL; // bucket 1 in block 0 of any table up to 1,024 buckets
                w0 |= i % 16;
            }
            d[i] = new CodeDigest(w0, r.nextLong(), r.nextLong(), r.nextLong());
            b.add(d[i], i);
        }
        CredentialTable t = b.build();
        assertEquals(d.length, t.size());
        assertTrue(buckets(t) <= 4 * expectedBuckets(d.length), t.toString());
        for (int i = 0; i < d.length; i++) {
            assertEquals(i, t.find(d[i]), "entry " + i);
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals(NOT_FOUND, t.find(random(r)));
        }
        // Removing the crowded slots leaves the others found and the size right.
        CredentialTable after = t;
        for (int i = 0; i < crowded; i++) {
            after = after.withoutSlot(i);
        }
        assertEquals(spread, after.size());
        for (int i = 0; i < d.length; i++) {
            assertEquals(i < crowded ? NOT_FOUND : i, after.find(d[i]), "entry " + i);
        }
    }
}
