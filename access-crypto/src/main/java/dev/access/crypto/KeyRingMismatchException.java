package dev.access.crypto;

/**
 * A key ring does not belong to the event store it was given to: it is bound to another store
 * (copied from another lock or hub, or the store was replaced), or it holds no keys at all while
 * the store already holds locks (the store's own key ring was lost and a new one was created).
 * Using it would digest every typed PIN under keys the store's codes were never made with, so the
 * right codes would be recorded as unknown and users locked out. Permanent: restore the key ring
 * that belongs to the store (see {@link KeyRing#bindToStore}). The message names the key ring and
 * the store ids, never key material.
 */
public final class KeyRingMismatchException extends KeyRingException {
    private static final long serialVersionUID = 1L;

    /** A mismatch described by {@code message}. */
    public KeyRingMismatchException(String message) {
        super(message);
    }

    /** The key ring ({@code ring}, for the message) is bound to {@code boundTo}, not to {@code storeId}. */
    public static KeyRingMismatchException otherStore(String ring, String boundTo, String storeId) {
        return new KeyRingMismatchException(ring + " belongs to another store (store id " + boundTo
                + "), not to this one (store id " + storeId + "): it was copied from elsewhere or the store was"
                + " replaced; use the key ring created with this store (restore it from a backup)");
    }

    /** The key ring ({@code ring}, for the message) holds no keys, but store {@code storeId} holds locks. */
    public static KeyRingMismatchException lost(String ring, String storeId) {
        return new KeyRingMismatchException(ring + " holds no keys, but the store (store id " + storeId
                + ") already holds locks: the store's own key ring was lost or replaced, and a new one would"
                + " record every right code as unknown; restore the store's key ring from a backup");
    }
}
