package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link KeyRing} implementation must have; subclasses supply the ring. */
abstract class KeyRingContract {
    static final String LOCK = "front-door";
    static final String OTHER_LOCK = "back-door";

    /** A new, empty key ring. */
    abstract KeyRing newRing();

    static PinCode pin(String digits) {
        return PinCode.of(digits.toCharArray(), PinPolicy.defaults());
    }

    static CodeDigest digest(KeyRing ring, String lock, int epoch, String digits) {
        return ring.digester(lock, epoch).digest(pin(digits));
    }

    @Test
    void digest_ofSamePinLockAndEpoch_isStableAndEngineIndependent() {
        KeyRing ring = newRing();
        int epoch = ring.createEpoch(LOCK);

        CodeDigest first = digest(ring, LOCK, epoch, "73915846");

        assertEquals(first, digest(ring, LOCK, epoch, "73915846"));
        assertEquals(first, ring.digester(LOCK, epoch, DigestEngine.BOUNCY_CASTLE).digest(pin("73915846")));
        assertEquals(first, ring.digester(LOCK, epoch, DigestEngine.JDK).digest(pin("73915846")));
        assertNotEquals(first, digest(ring, LOCK, epoch, "73915847"));
        assertNotEquals(first, digest(ring, LOCK, epoch, "7391584"));
    }

    @Test
    void digester_reportsItsLockAndEpoch() {
        KeyRing ring = newRing();
        int epoch = ring.createEpoch(LOCK);

        CodeDigester digester = ring.digester(LOCK, epoch, DigestEngine.BOUNCY_CASTLE);

        assertEquals(LOCK, digester.lockId());
        assertEquals(epoch, digester.epoch());
    }

    @Test
    void digest_underDifferentEpochsOrLocks_differs() {
        KeyRing ring = newRing();
        int e1 = ring.createEpoch(LOCK);
        int e2 = ring.createEpoch(LOCK);
        int other = ring.createEpoch(OTHER_LOCK);

        CodeDigest d1 = digest(ring, LOCK, e1, "1234");

        assertNotEquals(d1, digest(ring, LOCK, e2, "1234"));
        assertEquals(e1, other);
        assertNotEquals(d1, digest(ring, OTHER_LOCK, other, "1234"));
    }

    @Test
    void digest_underAnotherRing_differs() {
        KeyRing a = newRing();
        KeyRing b = newRing();

        assertNotEquals(digest(a, LOCK, a.createEpoch(LOCK), "1234"), digest(b, LOCK, b.createEpoch(LOCK), "1234"));
    }

    @Test
    void createEpoch_numbersEpochsOneTwoThreePerLock() {
        KeyRing ring = newRing();

        assertEquals(OptionalInt.empty(), ring.currentEpoch(LOCK));
        assertEquals(1, ring.createEpoch(LOCK));
        assertEquals(2, ring.createEpoch(LOCK));
        assertEquals(1, ring.createEpoch(OTHER_LOCK));
        assertEquals(3, ring.createEpoch(LOCK));
        assertEquals(OptionalInt.of(3), ring.currentEpoch(LOCK));
        assertEquals(OptionalInt.of(1), ring.currentEpoch(OTHER_LOCK));
        assertEquals(OptionalInt.empty(), ring.currentEpoch("never-used"));
    }

    @Test
    void currentEpoch_skipsDestroyedEpochs_andNumberingContinuesAfterThem() {
        KeyRing ring = newRing();
        ring.createEpoch(LOCK);
        ring.createEpoch(LOCK);

        ring.destroyEpoch(LOCK, 2);
        assertEquals(OptionalInt.of(1), ring.currentEpoch(LOCK));
        ring.destroyEpoch(LOCK, 1);
        assertEquals(OptionalInt.empty(), ring.currentEpoch(LOCK));

        assertEquals(3, ring.createEpoch(LOCK));
        assertEquals(OptionalInt.of(3), ring.currentEpoch(LOCK));
    }

    @Test
    void givenDestroyedEpoch_whenDigesterRequested_thenKeyUnavailable() {
        KeyRing ring = newRing();
        int e1 = ring.createEpoch(LOCK);
        int e2 = ring.createEpoch(LOCK);
        CodeDigest keptDigest = digest(ring, LOCK, e2, "1234");
        // Cache digesters of the epoch under both engines before destroying it.
        ring.digester(LOCK, e1, DigestEngine.JDK);
        ring.digester(LOCK, e1, DigestEngine.BOUNCY_CASTLE);

        ring.destroyEpoch(LOCK, e1);

        assertTrue(ring.isDestroyed(LOCK, e1));
        assertFalse(ring.isDestroyed(LOCK, e2));
        KeyUnavailableException e = assertThrows(KeyUnavailableException.class, () -> ring.digester(LOCK, e1));
        assertTrue(e.getMessage().contains(LOCK), e.getMessage());
        assertThrows(KeyUnavailableException.class, () -> ring.digester(LOCK, e1, DigestEngine.BOUNCY_CASTLE));
        assertEquals(keptDigest, digest(ring, LOCK, e2, "1234"));
    }

    @Test
    void destroyEpoch_isIdempotent() {
        KeyRing ring = newRing();
        int epoch = ring.createEpoch(LOCK);
        ring.destroyEpoch(LOCK, epoch);

        assertDoesNotThrow(() -> ring.destroyEpoch(LOCK, epoch));

        assertTrue(ring.isDestroyed(LOCK, epoch));
        assertThrows(KeyUnavailableException.class, () -> ring.digester(LOCK, epoch));
    }

    @Test
    void destroyEpoch_ofUnknownEpochOrLock_throws() {
        KeyRing ring = newRing();
        ring.createEpoch(LOCK);

        assertThrows(KeyUnavailableException.class, () -> ring.destroyEpoch(LOCK, 2));
        assertThrows(KeyUnavailableException.class, () -> ring.destroyEpoch(LOCK, 0));
        assertThrows(KeyUnavailableException.class, () -> ring.destroyEpoch(OTHER_LOCK, 1));
        assertFalse(ring.isDestroyed(LOCK, 2));
        assertEquals(OptionalInt.of(1), ring.currentEpoch(LOCK));
    }

    @Test
    void digester_ofNeverCreatedEpoch_throwsKeyUnavailable() {
        KeyRing ring = newRing();
        ring.createEpoch(LOCK);

        assertThrows(KeyUnavailableException.class, () -> ring.digester(LOCK, 2));
        assertThrows(KeyUnavailableException.class, () -> ring.digester(OTHER_LOCK, 1));
        assertFalse(ring.isDestroyed(OTHER_LOCK, 1));
    }

    @Test
    void createEpochAndSigner_invalidLockId_areRejected() {
        KeyRing ring = newRing();

        assertThrows(IllegalArgumentException.class, () -> ring.createEpoch("front door"));
        assertThrows(IllegalArgumentException.class, () -> ring.createEpoch(null));
        assertThrows(IllegalArgumentException.class, () -> ring.checkpointSigner("x".repeat(65)));
        assertEquals(OptionalInt.empty(), ring.currentEpoch("front door"));
    }

    @Test
    void checkpointSigner_isStablePerLock_andItsCheckpointsVerify() throws Exception {
        KeyRing ring = newRing();
        ChainHead head = HashChain.next(ChainHead.GENESIS, 1, "Opened", Instant.EPOCH, new byte[0]);

        TrailPublicKey key = ring.trailPublicKey(LOCK);

        assertEquals(key, ring.checkpointSigner(LOCK).publicKey());
        assertEquals(LOCK, key.lockId());
        assertNotEquals(key.keyId(), ring.trailPublicKey(OTHER_LOCK).keyId());
        key.verify(ring.checkpointSigner(LOCK).sign(1, head, java.time.Instant.EPOCH));
    }

    @Test
    void digest_fromManyThreadsAtOnce_isIdenticalEverywhere() throws Exception {
        KeyRing ring = newRing();
        int e1 = ring.createEpoch(LOCK);
        int e2 = ring.createEpoch(LOCK);
        String[] pins = {"1234", "73915846", "000000", "99999999"};
        CodeDigest[][] expected = new CodeDigest[2][pins.length];
        for (int p = 0; p < pins.length; p++) {
            expected[0][p] = digest(ring, LOCK, e1, pins[p]);
            expected[1][p] = digest(ring, LOCK, e2, pins[p]);
        }
        // A second ring sharing nothing, so digester creation also races (its cache starts empty).
        KeyRing fresh = newRing();
        int f1 = fresh.createEpoch(LOCK);
        CodeDigest freshExpected = digest(fresh, LOCK, f1, "1234");
        KeyRing cold = newRing();
        int c1 = cold.createEpoch(LOCK);

        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<CodeDigest>>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                tasks.add(() -> {
                    start.await();
                    List<CodeDigest> coldResults = new ArrayList<>();
                    coldResults.add(cold.digester(LOCK, c1, DigestEngine.values()[id % 2]).digest(pin("1234")));
                    for (int i = 0; i < 400; i++) {
                        int p = (i + id) % pins.length;
                        DigestEngine engine = DigestEngine.values()[(i / pins.length + id) % 2];
                        int which = (i + id) % 2;
                        CodeDigest d = ring.digester(LOCK, which == 0 ? e1 : e2, engine).digest(pin(pins[p]));
                        if (!d.equals(expected[which][p])) {
                            throw new AssertionError("thread " + id + " iteration " + i + " got another digest");
                        }
                        if (!freshExpected.equals(fresh.digester(LOCK, f1, engine).digest(pin("1234")))) {
                            throw new AssertionError("thread " + id + " iteration " + i + " (fresh ring)");
                        }
                    }
                    return coldResults;
                });
            }
            List<Future<List<CodeDigest>>> futures = new ArrayList<>();
            for (Callable<List<CodeDigest>> task : tasks) {
                futures.add(pool.submit(task));
            }
            start.countDown();
            CodeDigest coldFirst = null;
            for (Future<List<CodeDigest>> f : futures) {
                CodeDigest d = f.get(30, TimeUnit.SECONDS).get(0);
                if (coldFirst == null) {
                    coldFirst = d;
                }
                assertEquals(coldFirst, d, "digesters created concurrently agree");
            }
            assertEquals(coldFirst, digest(cold, LOCK, c1, "1234"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sealingKey_isOnePerLockAndEpoch_andStable() {
        KeyRing ring = newRing();
        int e1 = ring.createEpoch(LOCK);
        int e2 = ring.createEpoch(LOCK);
        ring.createEpoch(OTHER_LOCK);

        SealingPublicKey k1 = ring.sealingPublicKey(LOCK, e1);

        assertEquals(k1, ring.sealingPublicKey(LOCK, e1));
        assertNotEquals(k1, ring.sealingPublicKey(LOCK, e2));
        assertNotEquals(k1, ring.sealingPublicKey(OTHER_LOCK, 1));
        assertEquals(32, k1.raw().length);
        assertEquals(k1, SealingPublicKey.fromBase64(k1.base64()));
    }

    @Test
    void sealingKey_isDestroyedWithItsEpoch() {
        KeyRing ring = newRing();
        int e1 = ring.createEpoch(LOCK);
        ring.sealingPublicKey(LOCK, e1);

        ring.destroyEpoch(LOCK, e1);

        assertThrows(KeyUnavailableException.class, () -> ring.sealingPublicKey(LOCK, e1));
        assertThrows(KeyUnavailableException.class, () -> ring.sealingPublicKey(LOCK, e1 + 1));
    }

    @Test
    void backendIdentity_isAbsentUntilCreated_thenTheSame() {
        KeyRing ring = newRing();
        assertTrue(ring.backendIdentity().isEmpty());

        BackendIdentity created = ring.createBackendIdentity();

        assertEquals(created.publicKey(), ring.createBackendIdentity().publicKey());
        assertEquals(created.publicKey(), ring.backendIdentity().orElseThrow().publicKey());
        assertEquals(16, created.publicKey().keyId().length());
        assertFalse(created.toString().contains(created.publicKey().signingKeyBase64()));
    }

    @Test
    void backendIdentity_differsBetweenRings_andIsNotALock() {
        KeyRing a = newRing();
        KeyRing b = newRing();
        BackendIdentity ia = a.createBackendIdentity();

        assertNotEquals(ia.publicKey(), b.createBackendIdentity().publicKey());
        assertTrue(a.currentEpoch("").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> a.checkpointSigner(""));
    }

    @Test
    void statements_verifyOnlyForTheirKeyLabelAndBody() throws Exception {
        KeyRing ring = newRing();
        BackendIdentity backend = ring.createBackendIdentity();
        CheckpointSigner lock = ring.checkpointSigner(LOCK);
        byte[] body = "slot 3 holds a sealed PIN".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        String bySig = backend.signStatement("access/batch/v1", body);
        String lockSig = lock.signStatement("access/enrollment/v1", body);

        assertDoesNotThrow(() -> backend.publicKey().verifyStatement("access/batch/v1", body, bySig));
        assertDoesNotThrow(() -> lock.publicKey().verifyStatement("access/enrollment/v1", body, lockSig));
        byte[] changed = body.clone();
        changed[0] ^= 1;
        assertThrows(SignatureVerificationException.class,
                () -> backend.publicKey().verifyStatement("access/batch/v1", changed, bySig));
        assertThrows(SignatureVerificationException.class,
                () -> backend.publicKey().verifyStatement("access/batch/v2", body, bySig));
        assertThrows(SignatureVerificationException.class,
                () -> lock.publicKey().verifyStatement("access/enrollment/v1", body, bySig));
        assertThrows(SignatureVerificationException.class,
                () -> backend.publicKey().verifyStatement("access/batch/v1", body, "not base64!"));
        assertThrows(SignatureVerificationException.class,
                () -> backend.publicKey().verifyStatement("access/batch/v1", body, null));
        assertThrows(IllegalArgumentException.class, () -> backend.signStatement("Bad Label", body));
    }

    @Test
    void aStatementIsNeverACheckpoint() {
        KeyRing ring = newRing();
        CheckpointSigner lock = ring.checkpointSigner(LOCK);
        Checkpoint cp = lock.sign(5, ChainHead.GENESIS, Instant.parse("2026-01-01T00:00:00Z"));
        byte[] checkpointBytes = Checkpoint.signedBytes(LOCK, 5, ChainHead.GENESIS,
                Instant.parse("2026-01-01T00:00:00Z"), lock.publicKey().keyId());

        // The checkpoint's signature does not verify as a statement over the checkpoint's own bytes,
        // and a statement's signature does not verify as a checkpoint.
        assertThrows(SignatureVerificationException.class,
                () -> lock.publicKey().verifyStatement("access/checkpoint/v2", checkpointBytes, cp.signature()));
        String stmt = lock.signStatement("access/checkpoint/v2", checkpointBytes);
        Checkpoint forged = new Checkpoint(cp.lockId(), cp.sequence(), cp.chainHead(), cp.at(), cp.keyId(), stmt);
        assertThrows(CheckpointVerificationException.class, () -> lock.publicKey().verify(forged));
    }
}
