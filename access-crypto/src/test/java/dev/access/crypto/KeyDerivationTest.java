package dev.access.crypto;

import static dev.access.crypto.TestBytes.hex;
import static dev.access.crypto.TestBytes.repeat;
import static dev.access.crypto.TestBytes.sequence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** RFC 5869 HKDF-SHA-256 known answers, and separation of the derived PIN keys. */
class KeyDerivationTest {

    @Test
    void hkdf_rfc5869TestCase1_basic() {
        byte[] okm = KeyDerivation.hkdf(repeat(0x0b, 22), sequence(0x00, 13), sequence(0xf0, 10), 42);

        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                + "34007208d5b887185865", hex(okm));
    }

    @Test
    void hkdf_rfc5869TestCase2_longerInputsAndOutputs() {
        byte[] okm = KeyDerivation.hkdf(sequence(0x00, 80), sequence(0x60, 80), sequence(0xb0, 80), 82);

        assertEquals("b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                + "cc30c58179ec3e87c14c01d5c1f3434f1d87", hex(okm));
    }

    @Test
    void hkdf_rfc5869TestCase3_emptySaltAndInfo() {
        byte[] okm = KeyDerivation.hkdf(repeat(0x0b, 22), new byte[0], new byte[0], 42);

        assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
                + "9d201395faa4b61a96c8", hex(okm));
    }

    @Test
    void pinKey_differsByLockEpochAndSalt_andIsDeterministic() {
        byte[] root = sequence(1, 32);
        byte[] salt = sequence(100, 32);
        String base = hex(KeyDerivation.pinKey(root, salt, "front-door", 1));

        assertEquals(32, KeyDerivation.pinKey(root, salt, "front-door", 1).length);
        assertEquals(base, hex(KeyDerivation.pinKey(root, salt, "front-door", 1)));
        assertNotEquals(base, hex(KeyDerivation.pinKey(root, salt, "back-door", 1)));
        assertNotEquals(base, hex(KeyDerivation.pinKey(root, salt, "front-door", 2)));
        assertNotEquals(base, hex(KeyDerivation.pinKey(root, sequence(101, 32), "front-door", 1)));
        assertNotEquals(base, hex(KeyDerivation.pinKey(sequence(2, 32), salt, "front-door", 1)));
        // Epochs whose high bytes differ must not collide either (the epoch is encoded in full).
        assertNotEquals(hex(KeyDerivation.pinKey(root, salt, "l", 1)),
                hex(KeyDerivation.pinKey(root, salt, "l", 1 + (1 << 24))));
    }

    /*
     * Known answers computed outside Java (the cryptography package's HKDF-SHA-256), with an epoch
     * and a generation that use all four of their bytes (0x01020304, 0x05060708): the info strings
     * carry them big-endian, so every shift is pinned.
     */
    @Test
    void derivedKeys_forMultiByteEpochsAndGenerations_matchKnownAnswers() {
        byte[] root = sequence(1, 32);
        byte[] salt = sequence(100, 32);

        assertEquals("12187bc34f5091065dda06965267c6de533a77842cd5c391a1f73e4d48f6ada5",
                hex(KeyDerivation.pinKey(root, salt, "front-door", 0x01020304)));
        assertEquals("c718b69989414f1e562f96f31fcbd5f69312097334f623fa1608c6b840476def",
                hex(KeyDerivation.sealingKey(root, salt, "front-door", 0x01020304)));
        assertEquals("55be0c1e94f04ad73c48a221b160ad66304bcfd4a696a45f3e3f04a96bffdbba",
                hex(KeyDerivation.offlineIssuingKey(root, salt, "front-door", 0x01020304, 0x05060708)));
    }
}
