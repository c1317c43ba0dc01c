package dev.access.core.fleet;

/**
 * Where a code stands between the backend's desired state and the lock's trail (DESIGN.md section
 * 11). Nothing is polled or guessed: every value rests on the lock's signed events.
 */
public enum SyncStatus {
    /** Not yet confirmed by the lock's trail (sent in a batch, or not yet). */
    PENDING,
    /** The lock's trail shows it applied exactly this. */
    SYNCED,
    /** The lock refused it (its reason), or a factory reset erased it ({@code LOCK_RESET}: enter the PIN again). */
    FAILED,
    /** A code the lock holds that the backend never asked for (added at the keypad, the master code). */
    UNMANAGED,
    /** A managed code changed, suspended or removed at the lock by someone else after it was applied. */
    DRIFTED
}
