package dev.access.crypto;

import static dev.access.crypto.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@link AnchorStatement}: the exact body of a retention anchor (known answers computed outside Java,
 * with Python's struct and the cryptography package's Ed25519, from the layout in the class comment),
 * and that its signature verifies only for that body, that label and that key.
 */
class AnchorStatementTest {
    private static final ChainHead HEAD =
            ChainHead.fromHex("08715078e44e5cf38e02d630383d647cf05fd0e39b9ceb3efc5540432817ae52");
    private static final Instant AT = Instant.ofEpochSecond(1_700_000_123L, 456_789_000);
    private static final Instant THROUGH = Instant.ofEpochSecond(1_699_999_000L, 5);
    private static final byte[] STATE = TestBytes.sequence(100, 32);
    private static final String KEY_ID = "14f88b3aab877e43";

    private static final String WITH_THROUGH_AND_ACTOR = "0000000000000006" + "6c6f636b2d31" // len(lock), lock-1
            + "0000000000000029" // sequence 41
            + "08715078e44e5cf38e02d630383d647cf05fd0e39b9ceb3efc5540432817ae52" // head
            + "0000000000000003" // first sequence
            + "000000006553f17b" + "1b3a0c08" // at
            + "01" + "000000006553ed18" + "00000005" // through present
            + "6465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f80818283" // state hash
            + "0000000000000010" + "31346638386233616162383737653433" // len(key id), key id
            + "0000000000000003" + "416e6e"; // len(actor), Ann
    private static final String WITHOUT_THROUGH_OR_ACTOR = WITH_THROUGH_AND_ACTOR
            .replace("01" + "000000006553ed18" + "00000005", "00" + "0000000000000000" + "00000000")
            .replace("0000000000000003" + "416e6e", "0000000000000000");
    private static final String SIGNATURE = "46f3adbf9121f33576d4385e039d3b6a2172059b041ac76257e6c1cc04ef1181"
            + "4de06e15ef33d30d2275be2beb1451862f818bad9ce826ba3219ae549eb78d00";

    private final Ed25519CheckpointSigner signer = new Ed25519CheckpointSigner("lock-1", TestBytes.sequence(9, 32));

    @Test
    void body_isTheSpecifiedLayout_knownAnswers() {
        assertEquals(WITH_THROUGH_AND_ACTOR,
                hex(AnchorStatement.body("lock-1", 41, HEAD, 3, AT, THROUGH, STATE, KEY_ID, "Ann")));
        assertEquals(WITHOUT_THROUGH_OR_ACTOR, hex(AnchorStatement.body("lock-1", 41, HEAD, 3, AT, null, STATE, KEY_ID)));
    }

    @Test
    void sign_isEd25519OverTheAnchorLabelAndBody_knownAnswer_andVerifies() {
        byte[] body = AnchorStatement.body("lock-1", 41, HEAD, 3, AT, THROUGH, STATE, KEY_ID, "Ann");

        String signature = AnchorStatement.sign(signer, body);

        assertEquals(SIGNATURE, hex(java.util.Base64.getDecoder().decode(signature)));
        assertDoesNotThrow(() -> AnchorStatement.verify(signer.publicKey(), body, signature));
    }

    @Test
    void verify_refusesAChangedBody_anotherKey_anotherLabel_andAMalformedSignature() {
        byte[] body = AnchorStatement.body("lock-1", 41, HEAD, 3, AT, THROUGH, STATE, KEY_ID, "Ann");
        String signature = AnchorStatement.sign(signer, body);
        byte[] changed = body.clone();
        changed[changed.length - 1] ^= 1;
        TrailPublicKey otherKey = new Ed25519CheckpointSigner("lock-1", TestBytes.sequence(10, 32)).publicKey();
        String otherLabel = signer.signStatement("access/other/v1", body);

        assertThrows(SignatureVerificationException.class, () -> AnchorStatement.verify(signer.publicKey(), changed, signature));
        assertThrows(SignatureVerificationException.class, () -> AnchorStatement.verify(otherKey, body, signature));
        assertThrows(SignatureVerificationException.class, () -> AnchorStatement.verify(signer.publicKey(), body, otherLabel));
        assertThrows(SignatureVerificationException.class, () -> AnchorStatement.verify(signer.publicKey(), body, "AAAA"));
    }

    @Test
    void body_refusesAStateHashThatIsNot32Bytes_namingItsLength() {
        IllegalArgumentException shortHash = assertThrows(IllegalArgumentException.class,
                () -> AnchorStatement.body("lock-1", 41, HEAD, 3, AT, null, new byte[31], KEY_ID));
        IllegalArgumentException noHash = assertThrows(IllegalArgumentException.class,
                () -> AnchorStatement.body("lock-1", 41, HEAD, 3, AT, null, null, KEY_ID));

        assertTrue(shortHash.getMessage().contains("got 31"), shortHash.getMessage());
        assertTrue(noHash.getMessage().contains("got null"), noHash.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> AnchorStatement.body("lock-1", 41, HEAD, 3, AT, null, new byte[33], KEY_ID));
    }
}
