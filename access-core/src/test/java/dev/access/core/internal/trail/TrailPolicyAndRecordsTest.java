package dev.access.core.internal.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.access.core.domain.LockId;
import dev.access.core.trail.TrailCheckpointed;
import dev.access.crypto.ChainHead;
import dev.access.crypto.Checkpoint;
import dev.access.crypto.CheckpointSigner;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.KeyRing;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The shell's trail settings (an interval of at least one event, the signer of each lock's own key)
 * and a checkpoint event giving back the checkpoint it records. No lock runtime runs here.
 */
class TrailPolicyAndRecordsTest {
    private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void anIntervalBelowOne_isRefusedNamingIt_andOneIsTheShortest() {
        KeyRing keys = InMemoryKeyRing.create();
        assertEquals("checkpoint interval must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new TrailPolicy(keys, 0)).getMessage());
        assertEquals("checkpoint interval must be >= 1, was -5",
                assertThrows(IllegalArgumentException.class, () -> new TrailPolicy(keys, -5)).getMessage());
        assertEquals(1, new TrailPolicy(keys, 1).interval());
        assertEquals(250, new TrailPolicy(keys, 250).interval());
        assertThrows(NullPointerException.class, () -> new TrailPolicy(null, 4));
    }

    @Test
    void theSigner_isTheLocksOwn_fromTheKeyRing() throws Exception {
        KeyRing keys = InMemoryKeyRing.create();
        TrailPolicy policy = new TrailPolicy(keys, 4);
        CheckpointSigner front = policy.signer("front");

        assertEquals(keys.checkpointSigner("front").publicKey(), front.publicKey());
        assertNotEquals(keys.checkpointSigner("back").publicKey(), front.publicKey());
        Checkpoint c = front.sign(3, ChainHead.GENESIS, T);
        keys.checkpointSigner("front").publicKey().verify(c);
    }

    @Test
    void aCheckpointEvent_givesBackTheCheckpointItRecords_whichVerifies() throws Exception {
        KeyRing keys = InMemoryKeyRing.create();
        Checkpoint signed = keys.checkpointSigner("front").sign(7, ChainHead.GENESIS, T);
        TrailCheckpointed event = new TrailCheckpointed(LockId.of("front"), signed.at(), signed.sequence(),
                signed.chainHead(), signed.keyId(), signed.signature());

        assertEquals(signed, event.checkpoint());
        keys.checkpointSigner("front").publicKey().verify(event.checkpoint());
    }
}
