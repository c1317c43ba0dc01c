package dev.access.core.internal.axon;

import dev.access.core.domain.LockCommand.EnrollLock;
import dev.access.core.domain.LockEvent;
import dev.access.crypto.Checkpoint;
import java.util.List;

/**
 * Enrolls the lock and signs a checkpoint right after, in one unit of work on the lock: the
 * checkpoint covers the enrollment and nothing another writer appended in between.
 *
 * @param enroll the enrollment
 */
public record EnrollAndSign(EnrollLock enroll) {
    /**
     * What it did.
     *
     * @param events the recorded events (empty when the lock already belonged to that backend)
     * @param checkpoint the checkpoint signed right after them
     * @param keyEpoch the lock's key epoch after them
     */
    public record Result(List<LockEvent> events, Checkpoint checkpoint, int keyEpoch) {
    }
}
