package dev.access.core.fleet;

/**
 * Where an offline code the backend issued stands, from the lock's ingested trail and the backend's
 * own requests. Nothing is guessed: every value but {@code ISSUED}, {@code EXPIRED} and {@code
 * REVOKE_PENDING} rests on the lock's signed events.
 */
public enum OfflineCodeStatus {
    /** Issued; the trail shows nothing that ends it, and its window has not ended. */
    ISSUED,
    /** A one-time code the lock granted: used up. */
    USED,
    /** The backend asked to revoke it; the next programming batch carries the revocation. */
    REVOKE_PENDING,
    /** The lock refused the backend's revocation (its reason is given); it is not sent again. */
    REVOKE_FAILED,
    /** The lock's trail shows it revoked (by the backend's batch or at the lock). */
    REVOKED,
    /** The lock revoked every offline code of its issuing-key generation (a revoke-all). */
    REVOKED_ALL,
    /** Its window has ended (by the backend's clock). */
    EXPIRED,
    /** The lock was factory reset since it was issued: the key that issued it is destroyed. */
    LOCK_RESET
}
