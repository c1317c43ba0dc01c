package dev.access;

/**
 * An error that may pass: the same call may succeed when made again later (the store came back, the
 * concurrent writers calmed down).
 *
 * <p>Guarantees: nothing was revealed to the caller as done. Whether the call's events were
 * committed before the failure is not known in every case (a store that failed during the commit),
 * so a retried entry attempt may be recorded twice; a retried administrative command is safe,
 * since repeating one that took effect is refused or changes nothing.
 */
public abstract class TransientAccessException extends AccessException {
    private static final long serialVersionUID = 1L;

    /** An error described by {@code message}, caused by {@code cause}. */
    protected TransientAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
