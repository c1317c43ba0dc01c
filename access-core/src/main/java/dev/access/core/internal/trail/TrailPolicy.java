package dev.access.core.internal.trail;

import dev.access.crypto.CheckpointSigner;
import dev.access.crypto.KeyRing;
import java.util.Objects;

/** When checkpoints are signed, and with which keys: the shell's trail settings. */
public final class TrailPolicy {
    private final KeyRing keyRing;
    private final int interval;

    /**
     * Checkpoints every {@code interval} events (and on lockouts, resets and demand), signed with the
     * locks' keys in {@code keyRing}.
     *
     * @throws IllegalArgumentException if {@code interval} is below 1
     */
    public TrailPolicy(KeyRing keyRing, int interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("checkpoint interval must be >= 1, was " + interval);
        }
        this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
        this.interval = interval;
    }

    /** Events between checkpoints. */
    public int interval() {
        return interval;
    }

    /** The signer of a lock's checkpoints. */
    public CheckpointSigner signer(String lockId) {
        return keyRing.checkpointSigner(lockId);
    }
}
