package dev.access.crypto;

import static dev.access.crypto.TestBytes.hex;
import static dev.access.crypto.TestBytes.jdkHmacSha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Property: both {@link DigestEngine}s and javax.crypto.Mac agree on arbitrary keys, prefixes and messages. */
class DigestEngineProperties {

    private static Gen<byte[]> bytes(int maxLength) {
        return Generate.byteArrays(Generate.range(0, maxLength),
                Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    @Test
    void bothEngines_agreeWithJdkMac_forAnyKeyPrefixAndMessage() {
        qt().withExamples(1000).forAll(bytes(200), bytes(100), bytes(300)).checkAssert((key, prefix, message) -> {
            String expected = hex(jdkHmacSha256(key, Bytes.concat(prefix, message)));

            assertEquals(expected, hex(DigestEngine.JDK.create(key, prefix).mac(message)), "JDK engine");
            assertEquals(expected, hex(DigestEngine.BOUNCY_CASTLE.create(key, prefix).mac(message)),
                    "Bouncy Castle engine");
        });
    }

    @Test
    void keysAroundTheBlockSize_areHandledAlikeByBothEngines() {
        // Keys of 63, 64 and 65 bytes straddle RFC 2104's "hash the key first" threshold.
        qt().withExamples(300).forAll(Generate.range(60, 70), bytes(64)).checkAssert((keyLength, message) -> {
            byte[] key = TestBytes.sequence(keyLength, keyLength);
            String expected = hex(jdkHmacSha256(key, message));

            assertEquals(expected, hex(DigestEngine.JDK.create(key, new byte[0]).mac(message)));
            assertEquals(expected, hex(DigestEngine.BOUNCY_CASTLE.create(key, new byte[0]).mac(message)));
        });
    }
}
