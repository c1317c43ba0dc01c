package dev.access.core.fleet;

import dev.access.AccessException;

/**
 * The backend refused to issue or revoke an offline code; nothing was recorded. Its {@link #reason}
 * says why, its message what to do. Never names a PIN. Permanent until the cause is fixed (for the
 * stale keys: the lock enrolled again).
 */
public final class OfflineCodeRefusedException extends AccessException {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /**
         * The request itself: a window too long, ending before it starts or before now, starting too
         * far ahead, daily hours crossing midnight or holding no whole hour, a daily one-time code, a
         * name too long.
         */
        INVALID_REQUEST,
        /** The backend holds no issuing key for the lock (it takes no offline codes, or handed none). */
        NO_OFFLINE_KEY,
        /** The lock moved past the issuing-key generation the backend holds (a revoke-all): enroll it again. */
        STALE_ISSUING_KEY,
        /** The lock was factory reset since it handed the key: commission and enroll it again. */
        LOCK_RESET,
        /** Every code for that exact validity was issued already: ask for another window. */
        VARIANTS_EXHAUSTED,
        /** The backend issued no offline code with that id for the lock. */
        UNKNOWN_CODE,
        /** The code's window has ended: there is nothing to revoke. */
        WINDOW_ENDED
    }

    private final Reason reason;

    /** A refusal for {@code reason}, described by {@code message}. */
    public OfflineCodeRefusedException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    /** Why the backend refused. */
    public Reason reason() {
        return reason;
    }
}
