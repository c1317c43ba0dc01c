package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class BackendPublicKeyTest {
    private final BackendPublicKey key = InMemoryKeyRing.create().createBackendIdentity().publicKey();

    @Test
    void export_thenParse_givesTheSameKey() {
        BackendPublicKey parsed = BackendPublicKey.parse(key.export());

        assertEquals(key, parsed);
        assertEquals(key.keyId(), parsed.keyId());
        assertEquals(key.sealingKey(), parsed.sealingKey());
        assertTrue(key.export().startsWith("access-backend-public-key 1\nkey-id " + key.keyId() + "\n"));
    }

    @Test
    void parse_refusesAKeyIdThatDoesNotNameBothKeys() {
        BackendPublicKey other = InMemoryKeyRing.create().createBackendIdentity().publicKey();
        String swappedSealing = key.export().replace(key.sealingKey().base64(), other.sealingKey().base64());
        String swappedSigning = key.export().replace(key.signingKeyBase64(), other.signingKeyBase64());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackendPublicKey.parse(swappedSealing));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BackendPublicKey.parse(swappedSigning));
    }

    @Test
    void parse_namesWhatIsWrong() {
        assertEquals("no backend public key text",
                assertThrows(IllegalArgumentException.class, () -> BackendPublicKey.parse(null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BackendPublicKey.parse("hello"))
                .getMessage().contains("not a backend public key"));
        String trail = InMemoryKeyRing.create().checkpointSigner("door").publicKey().export();
        assertThrows(IllegalArgumentException.class, () -> BackendPublicKey.parse(trail));
        String notBase64 = key.export().replace("x25519 " + key.sealingKey().base64(), "x25519 ***");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BackendPublicKey.parse(notBase64))
                .getMessage().contains("x25519"));
        String shortKey = key.export().replace(key.signingKeyBase64(), Base64.getEncoder().encodeToString(new byte[31]));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BackendPublicKey.parse(shortKey))
                .getMessage().contains("32 bytes"));
        String missingLine = key.export().replace("ed25519 ", "ed448 ");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BackendPublicKey.parse(missingLine))
                .getMessage().contains("ed25519"));
    }

    @Test
    void sealingKey_fromBase64_refusesWrongSizesAndText() {
        assertThrows(IllegalArgumentException.class, () -> SealingPublicKey.fromBase64(null));
        assertThrows(IllegalArgumentException.class, () -> SealingPublicKey.fromBase64("%%%"));
        assertThrows(IllegalArgumentException.class,
                () -> SealingPublicKey.fromBase64(Base64.getEncoder().encodeToString(new byte[33])));
    }

    @Test
    void trailPublicKey_fromBase64_roundTrips() {
        TrailPublicKey k = InMemoryKeyRing.create().checkpointSigner("door").publicKey();

        assertEquals(k, TrailPublicKey.of("door", k.base64()));
        assertThrows(IllegalArgumentException.class, () -> TrailPublicKey.of("door", "***"));
        assertThrows(IllegalArgumentException.class, () -> TrailPublicKey.of("no spaces", k.base64()));
        assertThrows(IllegalArgumentException.class,
                () -> TrailPublicKey.of("door", Base64.getEncoder().encodeToString(new byte[16])));
    }

    @Test
    void verifySigned_withTheSigningKeyAlone_acceptsTheBackendsStatement_andNothingElse() throws Exception {
        BackendIdentity backend = InMemoryKeyRing.create().createBackendIdentity();
        BackendPublicKey other = InMemoryKeyRing.create().createBackendIdentity().publicKey();
        byte[] body = TestBytes.utf8("{\"batch\":7}");
        String signature = backend.signStatement("access/programming/v1", body);
        String signingKey = backend.publicKey().signingKeyBase64();
        byte[] changed = TestBytes.utf8("{\"batch\":8}");

        BackendPublicKey.verifySigned(signingKey, "access/programming/v1", body, signature);
        assertThrows(SignatureVerificationException.class,
                () -> BackendPublicKey.verifySigned(signingKey, "access/programming/v1", changed, signature));
        assertThrows(SignatureVerificationException.class,
                () -> BackendPublicKey.verifySigned(signingKey, "access/other/v1", body, signature));
        assertThrows(SignatureVerificationException.class,
                () -> BackendPublicKey.verifySigned(other.signingKeyBase64(), "access/programming/v1", body, signature));
        SignatureVerificationException shortKey = assertThrows(SignatureVerificationException.class,
                () -> BackendPublicKey.verifySigned(Base64.getEncoder().encodeToString(new byte[31]),
                        "access/programming/v1", body, signature));
        assertTrue(shortKey.getMessage().contains("not an Ed25519 key"), shortKey.getMessage());
        assertThrows(SignatureVerificationException.class,
                () -> BackendPublicKey.verifySigned(Base64.getEncoder().encodeToString(new byte[33]),
                        "access/programming/v1", body, signature));
        assertThrows(SignatureVerificationException.class,
                () -> BackendPublicKey.verifySigned("***", "access/programming/v1", body, signature));
    }

    @Test
    void equalKeys_haveEqualHashCodes_andToStringNamesTheKeyId() {
        BackendPublicKey parsed = BackendPublicKey.parse(key.export());

        assertEquals(key.hashCode(), parsed.hashCode());
        assertEquals(key.keyId().hashCode(), key.hashCode());
        assertEquals("BackendPublicKey[" + key.keyId() + "]", key.toString());
    }

    @Test
    void sealingKey_fromItsRawBytes_roundTrips_andIsNamedByTheFirstEightBytesOfItsSha256() throws Exception {
        byte[] raw = key.sealingKey().raw();

        SealingPublicKey again = SealingPublicKey.of(raw);

        assertEquals(key.sealingKey(), again);
        assertEquals(key.sealingKey().hashCode(), again.hashCode());
        String id = TestBytes.hex(java.util.Arrays.copyOf(java.security.MessageDigest.getInstance("SHA-256").digest(raw), 8));
        assertEquals(id, again.keyId());
        assertEquals(id.hashCode(), again.hashCode());
        assertEquals("SealingPublicKey[" + id + "]", again.toString());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> SealingPublicKey.of((byte[]) null));
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class, () -> SealingPublicKey.of(new byte[31]));
        assertTrue(none.getMessage().endsWith("got none"), none.getMessage());
        assertTrue(shortKey.getMessage().endsWith("got 31"), shortKey.getMessage());
    }

    @Test
    void sealingInfo_isTheLabelANulAndTheContext() {
        assertEquals(TestBytes.hex(TestBytes.utf8("access/sealed-pin/v1")) + "00" + TestBytes.hex(TestBytes.utf8("door/1/3")),
                TestBytes.hex(SealingPublicKey.info("door/1/3")));
    }
}
