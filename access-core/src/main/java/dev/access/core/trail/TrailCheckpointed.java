package dev.access.core.trail;

import dev.access.core.domain.LockId;
import dev.access.crypto.Checkpoint;
import java.time.Instant;

/**
 * A signed checkpoint in a lock's trail: the lock's Ed25519 key signed the chain head after event
 * {@code sequence} and the time {@code at} the checkpoint was made (see {@link Checkpoint}). Part of the trail (and chained like any event), not of the lock's state.
 *
 * @param lockId the lock
 * @param at when it was signed
 * @param sequence the last event covered
 * @param chainHead the chain head after that event
 * @param keyId the signing key's id
 * @param signature the Ed25519 signature, base64
 */
public record TrailCheckpointed(LockId lockId, Instant at, long sequence, String chainHead, String keyId,
        String signature) {

    /** The checkpoint this event records. */
    public Checkpoint checkpoint() {
        return new Checkpoint(lockId.value(), sequence, chainHead, at, keyId, signature);
    }
}
