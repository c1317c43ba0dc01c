package dev.access.crypto;

/**
 * Turns a PIN into its {@link CodeDigest} under one lock's key for one epoch:
 * {@code HMAC-SHA-256(K[lock, epoch], "access/pin/v1" ‖ 0x00 ‖ digits)}.
 *
 * <p>Guarantees: implementations never keep, log or reveal the PIN or the key; they are safe to
 * call from many threads without locking. A backend that keeps keys in an HSM or KMS implements
 * this interface (and {@link KeyRing}) over its device.
 */
public interface CodeDigester {
    /**
     * The digest of a PIN. The PIN is not wiped; the caller wipes it.
     *
     * @throws IllegalStateException if the PIN was already wiped
     */
    CodeDigest digest(PinCode pin);

    /** The lock whose key this is. */
    String lockId();

    /** The key epoch. */
    int epoch();
}
