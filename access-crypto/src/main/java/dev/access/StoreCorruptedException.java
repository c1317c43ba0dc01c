package dev.access;

/**
 * A stored event or snapshot could not be read back: its payload is not what this library wrote
 * (damaged, edited by hand, or written by an incompatible version), or the database file itself is
 * corrupt or truncated. Permanent: reading it again
 * fails the same way; restore the store from a backup or rebuild the lock from an exported trail.
 * The message names the lock and what failed, never a payload's content.
 */
public final class StoreCorruptedException extends AccessException {
    private static final long serialVersionUID = 1L;

    /** Reading {@code what} failed because of {@code cause}. */
    public StoreCorruptedException(String what, Throwable cause) {
        super(what + ": a stored event could not be read (its stored form is not what this version writes)", cause);
    }

    private StoreCorruptedException(Throwable cause, String message) {
        super(message, cause);
    }

    /**
     * A damaged store whose message is exactly {@code message} (e.g. a database file that is
     * corrupt or truncated); {@code cause} is kept for diagnosis.
     */
    public static StoreCorruptedException described(String message, Throwable cause) {
        return new StoreCorruptedException(cause, message);
    }
}
