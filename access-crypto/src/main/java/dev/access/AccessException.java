package dev.access;

/**
 * The root of every error the library's API throws: catch this one type to handle them all.
 *
 * <p>Two kinds sit under it. A {@link TransientAccessException} (the store is unavailable, a
 * concurrent writer won every retry) may succeed if the same call is made again later. Every other
 * subclass is permanent: the same call with the same input fails the same way (a rejected command
 * or PIN, a destroyed key, a failed verification, an unreadable stored event).
 *
 * <p>Guarantees: no message of any subclass names a PIN, a digest or a key; no subclass is a type
 * of Axon, JDBC or Jackson (their exceptions may appear only as a cause, for diagnosis).
 */
public abstract class AccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error described by {@code message}. */
    protected AccessException(String message) {
        super(message);
    }

    /** An error described by {@code message}, caused by {@code cause}. */
    protected AccessException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the same call may succeed when made again later (see {@link TransientAccessException}). */
    public final boolean isTransient() {
        return this instanceof TransientAccessException;
    }
}
