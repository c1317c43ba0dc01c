package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CodeDigest}: byte round trip, equality over all 32 bytes, and rejection of bad lengths. */
class CodeDigestTest {

    @Test
    void fromBytes_null_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodeDigest.fromBytes(null));

        assertTrue(e.getMessage().contains("null"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 31, 33, 64})
    void fromBytes_wrongLength_isRejectedNamingTheLength(int length) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CodeDigest.fromBytes(new byte[length]));

        assertTrue(e.getMessage().contains(length + " bytes"), e.getMessage());
    }

    @Test
    void toBytes_afterFromBytes_returnsACopyOfTheSameBytes() {
        byte[] bytes = TestBytes.sequence(0xF0, 32);
        CodeDigest d = CodeDigest.fromBytes(bytes);

        byte[] out = d.toBytes();
        out[0] ^= 1;

        assertArrayEquals(TestBytes.sequence(0xF0, 32), d.toBytes());
        assertNotSame(d.toBytes(), d.toBytes());
    }

    @Test
    void fromBytes_doesNotAliasTheCallersArray() {
        byte[] bytes = TestBytes.sequence(1, 32);
        CodeDigest d = CodeDigest.fromBytes(bytes);

        bytes[5] ^= 1;

        assertArrayEquals(TestBytes.sequence(1, 32), d.toBytes());
    }

    @Test
    void equals_comparesEveryByte() {
        byte[] base = TestBytes.sequence(1, 32);
        CodeDigest d = CodeDigest.fromBytes(base);

        assertEquals(d, CodeDigest.fromBytes(base.clone()));
        assertEquals(d.hashCode(), CodeDigest.fromBytes(base.clone()).hashCode());
        for (int i = 0; i < 32; i++) {
            byte[] other = base.clone();
            other[i] ^= (byte) 0x80;
            assertNotEquals(d, CodeDigest.fromBytes(other), "byte " + i);
        }
        assertNotEquals(d, null);
        assertNotEquals(d, (Object) base);
    }
}
