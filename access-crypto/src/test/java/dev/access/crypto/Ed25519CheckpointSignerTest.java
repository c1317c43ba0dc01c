package dev.access.crypto;

import static dev.access.crypto.TestBytes.hex;
import static dev.access.crypto.TestBytes.unhex;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.stream.Stream;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8032 Ed25519 known answers (TEST 1 and TEST 2) and the signer's checkpoints. */
class Ed25519CheckpointSignerTest {

    static Stream<Arguments> rfc8032() {
        return Stream.of(
                Arguments.of("TEST 1",
                        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                        "",
                        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
                Arguments.of("TEST 2",
                        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
                        "72",
                        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"));
    }

    @ParameterizedTest(name = "RFC 8032 {0}")
    @MethodSource("rfc8032")
    void publicKey_derivedFromSeed_matchesRfc8032(String name, String seed, String publicKey,
            String message, String signature) {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(unhex(seed), 0);

        assertEquals(publicKey, hex(key.generatePublicKey().getEncoded()));
    }

    @ParameterizedTest(name = "RFC 8032 {0}")
    @MethodSource("rfc8032")
    void sign_matchesRfc8032Signature(String name, String seed, String publicKey, String message,
            String signature) {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(unhex(seed), 0);

        assertEquals(signature, hex(Ed25519CheckpointSigner.sign(key, unhex(message))));
    }

    @ParameterizedTest(name = "RFC 8032 {0}")
    @MethodSource("rfc8032")
    void signerFromSeed_exportsTheRfcPublicKey(String name, String seed, String publicKey,
            String message, String signature) {
        Ed25519CheckpointSigner signer = new Ed25519CheckpointSigner("lock-1", unhex(seed));

        String exported = signer.publicKey().export();

        assertEquals(publicKey, hex(java.util.Base64.getDecoder().decode(
                exported.lines().filter(l -> l.startsWith("ed25519 ")).findFirst().orElseThrow()
                        .substring("ed25519 ".length()))));
    }

    @Test
    void sign_checkpoint_isVerifiedByItsOwnPublicKey_andNamesLockAndKey() {
        Ed25519CheckpointSigner signer = new Ed25519CheckpointSigner("lock-1", TestBytes.sequence(9, 32));
        ChainHead head = HashChain.next(ChainHead.GENESIS, 1, "Opened", java.time.Instant.EPOCH,
                new byte[] {1});

        Checkpoint checkpoint = signer.sign(1, head, java.time.Instant.EPOCH);

        assertEquals("lock-1", checkpoint.lockId());
        assertEquals(1, checkpoint.sequence());
        assertEquals(head.toHex(), checkpoint.chainHead());
        assertEquals(java.time.Instant.EPOCH, checkpoint.at());
        assertEquals(signer.publicKey().keyId(), checkpoint.keyId());
        assertDoesNotThrow(() -> signer.publicKey().verify(checkpoint));
        assertFalse(signer.toString().contains(hex(TestBytes.sequence(9, 32))));
    }

    /*
     * Known answers computed outside Java (Python's hashlib and the cryptography package's Ed25519)
     * from the layout in Checkpoint's comment: the signed bytes, the key id and the signature are
     * pinned, so the message a checkpoint signs cannot drift (a lost field, a wrong length, padding).
     */
    private static final String SIGNED_BYTES = "6163636573732f636865636b706f696e742f7632" // access/checkpoint/v2
            + "00" + "0000000000000006" + "6c6f636b2d31" // 0x00, len(lock), lock-1
            + "0000000000000029" // sequence 41
            + "08715078e44e5cf38e02d630383d647cf05fd0e39b9ceb3efc5540432817ae52" // head
            + "000000006553f17b" + "1b3a0c08" // epoch seconds (8 bytes), nanoseconds (4 bytes)
            + "0000000000000010" + "31346638386233616162383737653433"; // len(key id), key id
    private static final String SIGNATURE = "01a03d22b3ff1da84ba10f3f4713ba6509a99843553ebbbdc66e06a4536ed802"
            + "34261c64c1971149b57a1f5427f5208183d30814c445db327bed1f1b931a7801";

    @Test
    void sign_checkpoint_signsExactlyTheSpecifiedBytes_knownAnswer() throws Exception {
        Ed25519CheckpointSigner signer = new Ed25519CheckpointSigner("lock-1", TestBytes.sequence(9, 32));
        ChainHead head = ChainHead.fromHex("08715078e44e5cf38e02d630383d647cf05fd0e39b9ceb3efc5540432817ae52");
        java.time.Instant at = java.time.Instant.ofEpochSecond(1_700_000_123L, 456_789_000);

        Checkpoint checkpoint = signer.sign(41, head, at);

        assertEquals("14f88b3aab877e43", signer.publicKey().keyId());
        assertEquals("677edd9c7a6fbaa5d609dc7005ce8011d54e0314acf89ca172057bc140ede62a",
                hex(java.util.Base64.getDecoder().decode(signer.publicKey().base64())));
        assertEquals(SIGNED_BYTES, hex(Checkpoint.signedBytes("lock-1", 41, head, at, "14f88b3aab877e43")));
        assertEquals(SIGNATURE, hex(java.util.Base64.getDecoder().decode(checkpoint.signature())));
        assertDoesNotThrow(() -> signer.publicKey().verify(checkpoint));
    }

    @Test
    void toString_namesTheLockAndTheKeyId_andRedactsThePrivateKey() {
        Ed25519CheckpointSigner signer = new Ed25519CheckpointSigner("lock-1", TestBytes.sequence(9, 32));

        assertEquals("CheckpointSigner[lock=lock-1, key=" + signer.publicKey().keyId() + ", private key redacted]",
                signer.toString());
    }
}
