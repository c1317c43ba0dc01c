package dev.access;

/**
 * A stored event or snapshot could not be read back: its payload is not what this library wrote
 * (damaged, edited by hand, or written by an incompatible version). Permanent: reading it again
 * fails the same way; restore the store from a backup or rebuild the lock from an exported trail.
 * The message names the lock and what failed, never a payload's content.
 */
public final class StoreCorruptedException extends AccessException {
    private static final long serialVersionUID = 1L;

    /** Reading {@code what} failed because of {@code cause}. */
    public StoreCorruptedException(String what, Throwable cause) {
        super(what + ": a stored event could not be read (" + cause.getClass().getSimpleName() + ")", cause);
    }
}
