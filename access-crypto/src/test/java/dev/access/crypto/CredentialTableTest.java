package dev.access.crypto;

import static dev.access.crypto.CredentialTable.NOT_FOUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.crypto.CredentialTable.Variant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Example-based checks of both {@link CredentialTable} layouts: lookups, removal, immutability, limits. */
class CredentialTableTest {

    private static CodeDigest randomDigest(Random random) {
        return new CodeDigest(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void find_onEmptyTable_returnsNotFound(Variant variant) {
        CredentialTable empty = CredentialTable.empty(variant);
        Random random = new Random(1);

        assertEquals(0, empty.size());
        assertEquals(variant, empty.variant());
        assertEquals(NOT_FOUND, empty.find(CodeDigest.fromBytes(new byte[32])));
        for (int i = 0; i < 100; i++) {
            assertEquals(NOT_FOUND, empty.find(randomDigest(random)));
        }
        assertEquals(NOT_FOUND, CredentialTable.builder(variant).build().find(randomDigest(random)));
    }

    @Test
    void find_inLargeIndexedTableBuiltWithBuilder_findsEveryEntryAndMissesOthers() {
        assertLargeTableFindsAllAndMissesOthers(Variant.INDEXED, 200_000);
    }

    @Test
    void find_inLargeStrictTableBuiltWithBuilder_findsEveryEntryAndMissesOthers() {
        // STRICT scans every entry per lookup, so "large" is smaller here to keep the suite fast.
        assertLargeTableFindsAllAndMissesOthers(Variant.STRICT, 3_000);
    }

    private static void assertLargeTableFindsAllAndMissesOthers(Variant variant, int n) {
        Random random = new Random(42);
        CodeDigest[] digests = new CodeDigest[n];
        CredentialTable.Builder builder = CredentialTable.builder(variant);
        for (int i = 0; i < n; i++) {
            digests[i] = randomDigest(random);
            builder.add(digests[i], i);
        }

        CredentialTable table = builder.build();

        assertEquals(n, table.size());
        for (int i = 0; i < n; i++) {
            if (table.find(digests[i]) != i) {
                throw new AssertionError("entry " + i + " found at " + table.find(digests[i]));
            }
        }
        for (int i = 0; i < 10_000; i++) {
            assertEquals(NOT_FOUND, table.find(randomDigest(random)));
        }
        // A near miss: one bit flipped in the last word of a stored digest.
        CodeDigest d = digests[n / 2];
        assertEquals(NOT_FOUND, table.find(new CodeDigest(d.w0, d.w1, d.w2, d.w3 ^ 1)));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void with_oneAtATimeUpToAThousand_findsAllEntries(Variant variant) {
        Random random = new Random(7);
        CodeDigest[] digests = new CodeDigest[1000];
        CredentialTable table = CredentialTable.empty(variant);
        for (int i = 0; i < digests.length; i++) {
            digests[i] = randomDigest(random);
            table = table.with(digests[i], i);
        }

        assertEquals(digests.length, table.size());
        for (int i = 0; i < digests.length; i++) {
            assertEquals(i, table.find(digests[i]));
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void withoutSlot_removesEveryEntryOfThatSlotOnly(Variant variant) {
        Random random = new Random(3);
        CodeDigest a1 = randomDigest(random);
        CodeDigest a2 = randomDigest(random);
        CodeDigest b = randomDigest(random);
        CredentialTable table = CredentialTable.empty(variant).with(a1, 1).with(b, 2).with(a2, 1);

        CredentialTable removed = table.withoutSlot(1);

        assertEquals(1, removed.size());
        assertEquals(NOT_FOUND, removed.find(a1));
        assertEquals(NOT_FOUND, removed.find(a2));
        assertEquals(2, removed.find(b));
        // The digest can be added again, to another slot, once removed.
        assertEquals(5, removed.with(a1, 5).find(a1));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void withoutSlot_ofSlotWithNoEntries_returnsTheSameTable(Variant variant) {
        CredentialTable table = CredentialTable.empty(variant).with(randomDigest(new Random(4)), 0);

        assertSame(table, table.withoutSlot(1));
        assertSame(table, table.withoutSlot(Integer.MAX_VALUE));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void withoutSlot_ofNegativeSlot_returnsTheSameTableWithItsSize(Variant variant) {
        Random random = new Random(5);
        CodeDigest d = randomDigest(random);
        CredentialTable table = CredentialTable.empty(variant).with(d, 0).with(randomDigest(random), 3);

        CredentialTable after = table.withoutSlot(-1);

        assertEquals(2, after.size());
        assertEquals(0, after.find(d));
        assertSame(table, after);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void with_negativeSlot_isRejectedNamingTheValue(Variant variant) {
        CredentialTable empty = CredentialTable.empty(variant);
        CodeDigest d = randomDigest(new Random(6));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> empty.with(d, -1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> CredentialTable.builder(variant).add(d, -7));
        assertTrue(b.getMessage().contains("-7"), b.getMessage());
        assertEquals(0, empty.size());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void with_duplicateDigest_isRejectedNamingTheHoldingSlot(Variant variant) {
        Random random = new Random(8);
        CodeDigest d = randomDigest(random);
        CredentialTable table = CredentialTable.empty(variant).with(randomDigest(random), 1).with(d, 3);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.with(d, 9));

        assertTrue(e.getMessage().contains("slot 3"), e.getMessage());
        assertEquals(2, table.size());
        assertEquals(3, table.find(d));
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> CredentialTable.builder(variant).add(d, 4).add(randomDigest(random), 5).add(d, 6).build());
        assertTrue(b.getMessage().contains("slot 4"), b.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void withAndWithoutSlot_leaveTheOldTableUnchanged(Variant variant) {
        Random random = new Random(9);
        CodeDigest a = randomDigest(random);
        CodeDigest b = randomDigest(random);
        CredentialTable one = CredentialTable.empty(variant).with(a, 0);

        CredentialTable two = one.with(b, 1);
        CredentialTable back = two.withoutSlot(0);

        assertEquals(1, one.size());
        assertEquals(0, one.find(a));
        assertEquals(NOT_FOUND, one.find(b));
        assertEquals(2, two.size());
        assertEquals(0, two.find(a));
        assertEquals(1, two.find(b));
        assertEquals(1, back.size());
        assertEquals(NOT_FOUND, back.find(a));
        assertEquals(0, CredentialTable.empty(variant).size());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void allZeroDigest_isStoredAndFound_butNeverMatchesAnEmptyEntry(Variant variant) {
        CodeDigest zero = CodeDigest.fromBytes(new byte[32]);
        CredentialTable other = CredentialTable.empty(variant).with(randomDigest(new Random(10)), 0);

        assertEquals(NOT_FOUND, other.find(zero));
        assertEquals(7, other.with(zero, 7).find(zero));
        assertEquals(NOT_FOUND, other.with(zero, 7).withoutSlot(7).find(zero));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void largestSlot_isStoredFoundAndRemoved(Variant variant) {
        CodeDigest d = randomDigest(new Random(11));

        CredentialTable table = CredentialTable.empty(variant).with(d, Integer.MAX_VALUE);

        assertEquals(Integer.MAX_VALUE, table.find(d));
        assertEquals(NOT_FOUND, table.withoutSlot(Integer.MAX_VALUE).find(d));
        assertEquals(0, table.withoutSlot(Integer.MAX_VALUE).size());
    }

    @Test
    void build_withDigestsCraftedToCollideInTheirFirstEightBytes_failsInsteadOfGrowingForever() {
        CredentialTable.Builder builder = CredentialTable.builder(Variant.INDEXED);
        for (int i = 0; i < 12; i++) {
            builder.add(new CodeDigest(0x1234_5678_9abc_def0L, i, i, i), i);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains("collide"), e.getMessage());
    }
}
