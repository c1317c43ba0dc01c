package dev.access.crypto;

import java.util.OptionalInt;

/**
 * Holds each lock's PIN keys, one per key epoch, and its trail signing key.
 *
 * <p>A lock's PIN key for an epoch is derived with HKDF-SHA-256 from a 256-bit root secret and a
 * random per-epoch salt. {@link #destroyEpoch} erases the salt, so that key can never be derived
 * again, even by someone holding the root secret: every digest made under it becomes uncheckable
 * (crypto-shredding, used by factory reset).
 *
 * <p>Guarantees: no method returns key bytes; the key material never enters the event store.
 * Implementations: {@link FileKeyRing} (the embedded default), {@link InMemoryKeyRing} (tests), or
 * a backend's own over an HSM or KMS. All methods are safe to call from many threads.
 */
public interface KeyRing {
    /**
     * Creates the next key epoch of a lock (1 for its first) with a fresh random salt, made
     * durable before this returns.
     *
     * @return the new epoch's number
     * @throws IllegalArgumentException if the lock id is not valid (see {@link LockIds})
     */
    int createEpoch(String lockId);

    /** The newest epoch of a lock that is not destroyed, if any. */
    OptionalInt currentEpoch(String lockId);

    /**
     * The digester for a lock's epoch, using {@link DigestEngine#JDK}.
     *
     * @throws KeyUnavailableException if the epoch does not exist or was destroyed
     */
    default CodeDigester digester(String lockId, int epoch) {
        return digester(lockId, epoch, DigestEngine.JDK);
    }

    /**
     * The digester for a lock's epoch with a chosen engine.
     *
     * @throws KeyUnavailableException if the epoch does not exist or was destroyed
     */
    CodeDigester digester(String lockId, int epoch, DigestEngine engine);

    /**
     * Erases an epoch's salt, durably, so its key can never be derived again. Idempotent.
     *
     * @throws KeyUnavailableException if the epoch was never created
     */
    void destroyEpoch(String lockId, int epoch);

    /** Whether the epoch was created and then destroyed. */
    boolean isDestroyed(String lockId, int epoch);

    /** The lock's trail signing key (created durably on first use). */
    CheckpointSigner checkpointSigner(String lockId);

    /** The public half of the lock's trail signing key, for auditors. */
    default TrailPublicKey trailPublicKey(String lockId) {
        return checkpointSigner(lockId).publicKey();
    }
}
