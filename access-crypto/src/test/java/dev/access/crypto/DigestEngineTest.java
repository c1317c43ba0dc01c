package dev.access.crypto;

import static dev.access.crypto.TestBytes.hex;
import static dev.access.crypto.TestBytes.jdkHmacSha256;
import static dev.access.crypto.TestBytes.repeat;
import static dev.access.crypto.TestBytes.sequence;
import static dev.access.crypto.TestBytes.unhex;
import static dev.access.crypto.TestBytes.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 4231 HMAC-SHA-256 known answers through both {@link DigestEngine}s, and prefix handling. */
class DigestEngineTest {

    private static final byte[] KEY_131 = repeat(0xaa, 131);

    /** RFC 4231 section 4: test case, key, data, HMAC-SHA-256 (case 5 truncated to 128 bits). */
    static Stream<Arguments> rfc4231() {
        return Stream.of(
                Arguments.of(1, repeat(0x0b, 20), utf8("Hi There"),
                        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                Arguments.of(2, utf8("Jefe"), utf8("what do ya want for nothing?"),
                        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                Arguments.of(3, repeat(0xaa, 20), repeat(0xdd, 50),
                        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
                Arguments.of(4, sequence(0x01, 25), repeat(0xcd, 50),
                        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
                Arguments.of(5, repeat(0x0c, 20), utf8("Test With Truncation"),
                        "a3b6167473100ee06e0c796c2955552b"),
                Arguments.of(6, KEY_131, utf8("Test Using Larger Than Block-Size Key - Hash Key First"),
                        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
                Arguments.of(7, KEY_131, utf8("This is a test using a larger than block-size key and a"
                        + " larger than block-size data. The key needs to be hashed before being used"
                        + " by the HMAC algorithm."),
                        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"));
    }

    static Stream<Arguments> rfc4231ThroughBothEngines() {
        return rfc4231().flatMap(a -> Stream.of(DigestEngine.values())
                .map(e -> Arguments.of(e, a.get()[0], a.get()[1], a.get()[2], a.get()[3])));
    }

    @ParameterizedTest(name = "{0} RFC 4231 test case {1}")
    @MethodSource("rfc4231ThroughBothEngines")
    void mac_withEmptyPrefix_matchesRfc4231(DigestEngine engine, int testCase, byte[] key, byte[] data,
            String expectedHex) {
        byte[] tag = engine.create(key, new byte[0]).mac(data);

        assertEquals(32, tag.length);
        byte[] expected = unhex(expectedHex);
        // Test case 5 publishes only the first 128 bits.
        assertEquals(hex(expected), hex(Arrays.copyOf(tag, expected.length)), "test case " + testCase);
    }

    @ParameterizedTest(name = "RFC 4231 test case {0}")
    @MethodSource("rfc4231")
    void jdkReferenceMac_matchesRfc4231_soTheVectorsAreTranscribedCorrectly(int testCase, byte[] key,
            byte[] data, String expectedHex) {
        byte[] expected = unhex(expectedHex);
        assertEquals(hex(expected), hex(Arrays.copyOf(jdkHmacSha256(key, data), expected.length)));
    }

    @ParameterizedTest
    @EnumSource(DigestEngine.class)
    void mac_withPrefix_equalsHmacOverPrefixThenMessage(DigestEngine engine) {
        byte[] key = sequence(7, 32);
        byte[] prefix = HmacCodeDigester.PIN_LABEL;
        byte[] message = utf8("73915846");

        byte[] tag = engine.create(key, prefix).mac(message);

        assertArrayEquals(jdkHmacSha256(key, Bytes.concat(prefix, message)), tag);
    }

    @ParameterizedTest
    @EnumSource(DigestEngine.class)
    void mac_withPrefix_differsFromMacWithoutPrefix(DigestEngine engine) {
        byte[] key = sequence(7, 32);
        byte[] message = utf8("1234");

        byte[] withPrefix = engine.create(key, utf8("label")).mac(message);
        byte[] without = engine.create(key, new byte[0]).mac(message);

        assertEquals(false, Arrays.equals(withPrefix, without));
    }

    @ParameterizedTest
    @EnumSource(DigestEngine.class)
    void mac_calledRepeatedly_doesNotCarryStateBetweenCalls(DigestEngine engine) {
        PrefixedHmac hmac = engine.create(repeat(0x0b, 20), new byte[0]);
        byte[] expected = unhex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");

        hmac.mac(utf8("something else first"));
        byte[] first = hmac.mac(utf8("Hi There"));
        hmac.mac(new byte[1000]);
        byte[] second = hmac.mac(utf8("Hi There"));

        assertArrayEquals(expected, first);
        assertArrayEquals(expected, second);
    }

    @Test
    void create_doesNotKeepAReferenceToTheCallersKeyOrPrefix() {
        byte[] key = sequence(1, 25);
        byte[] prefix = utf8("p");
        PrefixedHmac jdk = DigestEngine.JDK.create(key, prefix);
        PrefixedHmac bc = DigestEngine.BOUNCY_CASTLE.create(key, prefix);
        byte[] expected = jdkHmacSha256(sequence(1, 25), utf8("pm"));

        Arrays.fill(key, (byte) 0);
        Arrays.fill(prefix, (byte) 0);

        assertArrayEquals(expected, jdk.mac(utf8("m")));
        assertArrayEquals(expected, bc.mac(utf8("m")));
    }
}
