package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ConstantTime#tagIfMatch}, the match both credential tables rest on: an entry matches only
 * when all four of its words equal the typed digest's, so a digest that shares three of the four
 * words with a stored code (a near miss no random PIN would produce, but one the table must still
 * refuse) opens nothing.
 */
class ConstantTimeTest {

    @ParameterizedTest(name = "word {0} differs")
    @ValueSource(ints = {0, 1, 2, 3})
    void anEntryDifferingInOneWordOnly_doesNotMatch(int word) {
        CodeDigest stored = CodeDigest.fromBytes(TestBytes.sequence(1, 32));
        byte[] near = stored.toBytes();
        near[word * 8 + 7] ^= 1;
        long[] words = new long[8];
        ConstantTime.putWords(words, 1, stored);

        assertEquals(5, ConstantTime.tagIfMatch(words, 1, 5, stored));
        assertEquals(0, ConstantTime.tagIfMatch(words, 1, 5, CodeDigest.fromBytes(near)));
        assertEquals(0, ConstantTime.tagIfMatch(words, 0, 5, stored), "an entry holding other words");
        assertEquals(0, ConstantTime.tagIfMatch(words, 1, 0, stored), "an unoccupied entry");
    }
}
