package dev.access;

/**
 * The event store (or the trail archive's database) could not be reached, read or written: the
 * database is down or locked, the connection pool is exhausted, the disk is full or read-only.
 * Transient: the same call may succeed once the store is back. The message names the store and
 * what failed; the cause keeps the driver's own exception for diagnosis.
 */
public final class StoreUnavailableException extends TransientAccessException {
    private static final long serialVersionUID = 1L;

    /** The store failed doing {@code what}, because of {@code cause} (or null when {@code what} says it all). */
    public StoreUnavailableException(String what, Throwable cause) {
        super(cause == null ? what : what + " (" + describe(cause) + ")", cause);
    }

    private StoreUnavailableException(Throwable cause, String message) {
        super(message, cause);
    }

    /** A failure whose message is exactly {@code message}; {@code cause} is kept for diagnosis. */
    public static StoreUnavailableException described(String message, Throwable cause) {
        return new StoreUnavailableException(cause, message);
    }

    static String describe(Throwable cause) {
        Throwable root = cause;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = Causes.plain(root);
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}
