package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checkpoints from a key ring verify with its {@link TrailPublicKey}; any tampering fails; export and parse round-trip. */
class TrailPublicKeyTest {
    private static final String LOCK = "front-door";

    private KeyRing ring;
    private TrailPublicKey key;
    private static final Instant AT = Instant.parse("2026-12-01T08:00:00.123456789Z");
    private ChainHead head;
    private Checkpoint checkpoint;

    @BeforeEach
    void signACheckpoint() {
        ring = InMemoryKeyRing.create();
        key = ring.trailPublicKey(LOCK);
        head = HashChain.next(ChainHead.GENESIS, 17, "DoorOpened", Instant.ofEpochSecond(1_700_000_000L, 5),
                TestBytes.utf8("{}"));
        checkpoint = ring.checkpointSigner(LOCK).sign(17, head, AT);
    }

    private static Checkpoint withSignature(Checkpoint c, String signature) {
        return new Checkpoint(c.lockId(), c.sequence(), c.chainHead(), c.at(), c.keyId(), signature);
    }

    @Test
    void givenOtherTime_whenVerified_thenFails_theSignatureCoversTheCheckpointsTime() {
        for (Instant other : new Instant[] {AT.plusSeconds(1), AT.plusNanos(1), AT.minusSeconds(86_400), null}) {
            assertThrows(CheckpointVerificationException.class, () -> key.verify(new Checkpoint(LOCK, 17,
                    checkpoint.chainHead(), other, checkpoint.keyId(), checkpoint.signature())), "at " + other);
        }
    }

    @Test
    void checkpoint_verifiesWithTheRingsPublicKey() {
        assertDoesNotThrow(() -> key.verify(checkpoint));
        assertEquals(LOCK, checkpoint.lockId());
        assertEquals(key.keyId(), checkpoint.keyId());
        assertEquals(16, key.keyId().length());
        assertEquals(64, Base64.getDecoder().decode(checkpoint.signature()).length);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 31, 32, 33, 62, 63})
    void givenSignatureWithOneBitFlipped_whenVerified_thenFails(int index) {
        byte[] sig = Base64.getDecoder().decode(checkpoint.signature());
        sig[index] ^= 0x01;

        Checkpoint tampered = withSignature(checkpoint, Base64.getEncoder().encodeToString(sig));

        assertThrows(CheckpointVerificationException.class, () -> key.verify(tampered));
    }

    static Stream<Arguments> malformedSignatures() {
        return Stream.of(Arguments.of(""), Arguments.of("not base64!"), Arguments.of((Object) null),
                Arguments.of(Base64.getEncoder().encodeToString(new byte[63])),
                Arguments.of(Base64.getEncoder().encodeToString(new byte[65])),
                Arguments.of(Base64.getEncoder().encodeToString(new byte[64])));
    }

    @ParameterizedTest
    @MethodSource("malformedSignatures")
    void givenMalformedSignature_whenVerified_thenFails(String signature) {
        assertThrows(CheckpointVerificationException.class, () -> key.verify(withSignature(checkpoint, signature)));
    }

    @Test
    void givenOtherChainHead_whenVerified_thenFails() {
        ChainHead other = HashChain.next(head, 18, "DoorClosed", Instant.ofEpochSecond(1_700_000_001L), new byte[0]);

        assertThrows(CheckpointVerificationException.class, () -> key.verify(new Checkpoint(LOCK, 17, other.toHex(),
                checkpoint.at(), checkpoint.keyId(), checkpoint.signature())));
        assertThrows(CheckpointVerificationException.class, () -> key.verify(new Checkpoint(LOCK, 17, "not hex",
                checkpoint.at(), checkpoint.keyId(), checkpoint.signature())));
        assertThrows(CheckpointVerificationException.class, () -> key.verify(new Checkpoint(LOCK, 17, null,
                checkpoint.at(), checkpoint.keyId(), checkpoint.signature())));
    }

    @Test
    void givenOtherSequence_whenVerified_thenFails() {
        for (long sequence : new long[] {16, 18, -17, 17 + (1L << 32)}) {
            assertThrows(CheckpointVerificationException.class, () -> key.verify(new Checkpoint(LOCK, sequence,
                    checkpoint.chainHead(), checkpoint.at(), checkpoint.keyId(), checkpoint.signature())),
                    "sequence " + sequence);
        }
    }

    @Test
    void givenOtherLockId_whenVerified_thenFails() {
        CheckpointVerificationException e = assertThrows(CheckpointVerificationException.class,
                () -> key.verify(new Checkpoint("back-door", 17, checkpoint.chainHead(), checkpoint.at(),
                        checkpoint.keyId(), checkpoint.signature())));

        assertTrue(e.getMessage().contains("back-door"), e.getMessage());
        assertThrows(CheckpointVerificationException.class, () -> key.verify(new Checkpoint(null, 17,
                checkpoint.chainHead(), checkpoint.at(), checkpoint.keyId(), checkpoint.signature())));
    }

    @Test
    void givenOtherKeyId_whenVerified_thenFails() {
        String otherId = Long.toHexString(Long.parseUnsignedLong(key.keyId(), 16) ^ 1L);
        otherId = "0".repeat(16 - otherId.length()) + otherId;
        String id = otherId;

        assertThrows(CheckpointVerificationException.class, () -> key.verify(new Checkpoint(LOCK, 17,
                checkpoint.chainHead(), checkpoint.at(), id, checkpoint.signature())));
    }

    @Test
    void givenCheckpointOfAnotherRingsKey_relabelledWithThisKeyId_whenVerified_thenFails() {
        Checkpoint forged = InMemoryKeyRing.create().checkpointSigner(LOCK).sign(17, head, AT);
        Checkpoint relabelled = new Checkpoint(LOCK, 17, forged.chainHead(), AT, key.keyId(), forged.signature());

        assertThrows(CheckpointVerificationException.class, () -> key.verify(forged));
        assertThrows(CheckpointVerificationException.class, () -> key.verify(relabelled));
    }

    @Test
    void givenCheckpointOfAnotherLock_whenVerifiedWithThisLocksKey_thenFails() throws Exception {
        Checkpoint otherLock = ring.checkpointSigner("back-door").sign(17, head, AT);

        ring.trailPublicKey("back-door").verify(otherLock);
        assertThrows(CheckpointVerificationException.class, () -> key.verify(otherLock));
    }

    @Test
    void exportedKey_parsedBack_verifiesTheSameCheckpoint() throws Exception {
        String exported = key.export();

        TrailPublicKey parsed = TrailPublicKey.parse(exported);

        assertEquals(key, parsed);
        assertEquals(key.keyId(), parsed.keyId());
        assertEquals(LOCK, parsed.lockId());
        assertEquals(exported, parsed.export());
        parsed.verify(checkpoint);
        assertThrows(CheckpointVerificationException.class,
                () -> parsed.verify(withSignature(checkpoint, Base64.getEncoder().encodeToString(new byte[64]))));
        // Windows line endings and surrounding blank lines are tolerated.
        assertEquals(key, TrailPublicKey.parse("\n" + exported.replace("\n", "\r\n") + "\n"));
    }

    private String exportWithLine(String prefix, String replacement) {
        return key.export().lines().map(l -> l.startsWith(prefix) ? replacement : l)
                .reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void parse_rejectsGarbage() {
        assertThrows(IllegalArgumentException.class, () -> TrailPublicKey.parse(null));
        assertThrows(IllegalArgumentException.class, () -> TrailPublicKey.parse(""));
        assertThrows(IllegalArgumentException.class, () -> TrailPublicKey.parse("garbage"));
        assertThrows(IllegalArgumentException.class, () -> TrailPublicKey.parse("a\nb\nc\nd\n"));
        assertThrows(IllegalArgumentException.class,
                () -> TrailPublicKey.parse(key.export().replace("access-trail-public-key 1", "access-trail-public-key 2")));
        assertThrows(IllegalArgumentException.class, () -> TrailPublicKey.parse(key.export() + "extra line\n"));
        assertThrows(IllegalArgumentException.class, () -> TrailPublicKey.parse(exportWithLine("ed25519 ", "ed25519 **")));
        assertThrows(IllegalArgumentException.class, () -> TrailPublicKey.parse(exportWithLine("lock ", "lock bad lock")));
        assertThrows(IllegalArgumentException.class, () -> TrailPublicKey.parse(exportWithLine("lock ", "lockfront-door")));
    }

    @Test
    void parse_rejectsAWrongKeyId() {
        String wrong = key.keyId().charAt(0) == '0' ? "1" + key.keyId().substring(1) : "0" + key.keyId().substring(1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrailPublicKey.parse(exportWithLine("key-id ", "key-id " + wrong)));

        assertTrue(e.getMessage().contains(wrong), e.getMessage());
    }

    @Test
    void parse_rejectsAShortOrLongKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
        String longKey = Base64.getEncoder().encodeToString(new byte[33]);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrailPublicKey.parse(exportWithLine("ed25519 ", "ed25519 " + shortKey)));
        assertTrue(e.getMessage().contains("31"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TrailPublicKey.parse(exportWithLine("ed25519 ", "ed25519 " + longKey)));
    }

    @Test
    void parse_rejects32BytesThatAreNotAnEd25519Point() {
        byte[] notAPoint = TestBytes.repeat(0xff, 32);
        String keyId = TestBytes.hex(java.util.Arrays.copyOf(sha256(notAPoint), 8));
        String text = "access-trail-public-key 1\nlock " + LOCK + "\nkey-id " + keyId + "\ned25519 "
                + Base64.getEncoder().encodeToString(notAPoint) + "\n";

        assertThrows(IllegalArgumentException.class, () -> TrailPublicKey.parse(text));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void publicKeysOfDifferentLocksOrRings_areNotEqual() {
        assertNotEquals(key, ring.trailPublicKey("back-door"));
        assertNotEquals(key, InMemoryKeyRing.create().trailPublicKey(LOCK));
        assertEquals(key, ring.trailPublicKey(LOCK));
        assertTrue(key.toString().contains(key.keyId()), key.toString());
    }

    @Test
    void equalKeys_haveEqualHashCodes_andDistinctKeysUsuallyDiffer() {
        TrailPublicKey a = new Ed25519CheckpointSigner("lock-1", TestBytes.sequence(1, 32)).publicKey();
        TrailPublicKey sameAsA = TrailPublicKey.parse(a.export());
        TrailPublicKey b = new Ed25519CheckpointSigner("lock-1", TestBytes.sequence(2, 32)).publicKey();

        assertEquals(a, sameAsA);
        assertEquals(a.hashCode(), sameAsA.hashCode());
        assertEquals(a.keyId().hashCode(), a.hashCode());
        assertNotEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void of_notBase64_showsTheText_shortenedPast80Characters() {
        String eighty = "*".repeat(80);
        String longer = "#".repeat(81);

        IllegalArgumentException whole = assertThrows(IllegalArgumentException.class, () -> TrailPublicKey.of("door", eighty));
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class, () -> TrailPublicKey.of("door", longer));

        assertTrue(whole.getMessage().contains("'" + eighty + "'"), whole.getMessage());
        assertTrue(cut.getMessage().contains("'" + "#".repeat(80) + "\u2026'"), cut.getMessage());
    }

    @Test
    void aStatement_withANullOrMalformedLabel_isRefusedNamingIt() {
        Ed25519CheckpointSigner signer = new Ed25519CheckpointSigner("lock-1", TestBytes.sequence(1, 32));

        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> signer.signStatement(null, new byte[1]));
        IllegalArgumentException upper = assertThrows(IllegalArgumentException.class, () -> signer.signStatement("Access", new byte[1]));

        assertTrue(none.getMessage().contains("was null"), none.getMessage());
        assertTrue(upper.getMessage().contains("'Access'"), upper.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> signer.publicKey().verifyStatement(null, new byte[1], signer.signStatement("a", new byte[1])));
    }
}
