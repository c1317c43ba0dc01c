package dev.access.crypto;

import java.util.Optional;
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
 *
 * <p>Store binding: a key ring belongs to one event store. {@code AccessControl.Builder.build()}
 * calls {@link #bindToStore} with the store's id, and an implementation that records the binding
 * refuses the key ring of another store, or an empty one for a store that already holds locks.
 * Taking part is optional: the default records nothing and accepts every store.
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

    /**
     * Checks that this key ring belongs to the event store whose id is {@code storeId} and, if it
     * belongs to no store yet, binds it to that one durably before returning. Called by
     * {@code AccessControl.Builder.build()} for every store that has an id (SQLite, PostgreSQL);
     * {@code storeHoldsEvents} says whether the store already holds any lock's events.
     *
     * <p>The rules an implementation that takes part follows (as {@link FileKeyRing} does): bound
     * to {@code storeId}: accept; bound to another id: refuse; unbound and holding no key of any
     * lock (no epoch, live or destroyed, and no signing key) while {@code storeHoldsEvents}: refuse
     * (the store's own key ring was lost); otherwise record {@code storeId} and accept (a new ring, or
     * one written before bindings existed, is adopted by the store it is first used with).
     *
     * <p>Default: records nothing and accepts any store, for key rings that cannot keep a binding
     * ({@link InMemoryKeyRing}, or an HSM or KMS adapter that does not implement it); such a ring is
     * then not protected against being used with the wrong store.
     *
     * @throws KeyRingMismatchException if the key ring belongs to another store, or holds no keys
     *     while the store holds events
     * @throws KeyRingException if the binding cannot be recorded
     */
    default void bindToStore(String storeId, boolean storeHoldsEvents) {
        // Takes no part in store binding.
    }

    /** The public half of the lock's trail signing key, for auditors. */
    default TrailPublicKey trailPublicKey(String lockId) {
        return checkpointSigner(lockId).publicKey();
    }

    /**
     * The public half of a lock's X25519 sealing key for an epoch: what a backend seals PINs to.
     * The private half is derived from the epoch's salt, so {@link #destroyEpoch} destroys it too.
     *
     * @throws KeyUnavailableException if the epoch was never created or was destroyed
     * @throws KeyRingException if this key ring holds no sealing keys (the default)
     */
    default SealingPublicKey sealingPublicKey(String lockId, int epoch) {
        throw new KeyRingException(getClass().getSimpleName() + " holds no sealing keys");
    }

    /** The backend identity this key ring holds, if one was created (default: none). */
    default Optional<BackendIdentity> backendIdentity() {
        return Optional.empty();
    }

    /**
     * Creates this key ring's backend identity, durably, if it has none yet, and returns it
     * (idempotent: the same identity every time).
     *
     * @throws KeyRingException if this key ring cannot hold a backend identity (the default) or
     *     cannot record it
     */
    default BackendIdentity createBackendIdentity() {
        throw new KeyRingException(getClass().getSimpleName() + " cannot hold a backend identity");
    }

    /**
     * Opens a PIN sealed to a lock's epoch with {@link SealingPublicKey#sealPin} for {@code context},
     * inside the key ring, and checks it against {@code policy}. The caller closes the PIN.
     *
     * @throws KeyUnavailableException if the epoch was never created or was destroyed
     * @throws SealedSecretException if it does not open (another key, another context, changed)
     * @throws PinRejectedException if what it holds breaks {@code policy}
     * @throws KeyRingException if this key ring holds no sealing keys (the default)
     */
    default PinCode unsealPin(String lockId, int epoch, SealedSecret sealed, String context, PinPolicy policy) {
        throw new KeyRingException(getClass().getSimpleName() + " holds no sealing keys");
    }

    /**
     * The checker of a lock's offline codes for an epoch and issuing-key generation, for the keypad.
     *
     * @throws KeyUnavailableException if the epoch was never created or was destroyed
     * @throws KeyRingException if this key ring holds no offline issuing keys (the default)
     */
    default OfflineCodeChecker offlineCodeChecker(String lockId, int epoch, int generation, int digits,
            java.time.ZoneId zone) {
        throw new KeyRingException(getClass().getSimpleName() + " holds no offline issuing keys");
    }

    /**
     * A lock's issuing key for an epoch and generation, to hand to an issuer on purpose (the
     * owner's export; the caller records that it happened).
     *
     * @throws KeyUnavailableException if the epoch was never created or was destroyed
     * @throws KeyRingException if this key ring holds no offline issuing keys (the default)
     */
    default OfflineIssuingKey offlineIssuingKey(String lockId, int epoch, int generation, int digits,
            java.time.ZoneId zone) {
        throw new KeyRingException(getClass().getSimpleName() + " holds no offline issuing keys");
    }

    /**
     * Opens, with this key ring's backend identity, an issuing key a lock sealed to it
     * ({@link OfflineIssuingKey#sealTo}).
     *
     * @throws KeyRingException if this key ring has no backend identity
     * @throws SealedSecretException if it was sealed to another backend or for another lock, epoch or
     *     generation, or was changed
     */
    default OfflineIssuingKey openOfflineIssuingKey(SealedSecret sealed, String lockId, int epoch, int generation,
            int digits, java.time.ZoneId zone) {
        throw new KeyRingException(getClass().getSimpleName() + " cannot hold a backend identity");
    }

    /**
     * The keys of the people (subjects) whose personal data the locks' trails hold sealed; erasing a
     * subject destroys its key here.
     *
     * @throws KeyRingException if this key ring keeps no personal-data keys (the default)
     */
    default PersonalKeys personalKeys() {
        throw new KeyRingException("this key ring keeps no personal-data keys");
    }
}
