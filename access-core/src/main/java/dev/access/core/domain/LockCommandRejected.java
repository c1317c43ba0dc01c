package dev.access.core.domain;

/**
 * A command the lock refused: nothing was recorded and nothing changed. The message names the
 * offending value, never a PIN or a digest.
 */
public final class LockCommandRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Rejection rejection;

    /** A refusal for {@code rejection}, explained by {@code message}. */
    public LockCommandRejected(Rejection rejection, String message) {
        super(rejection + ": " + message);
        this.rejection = rejection;
    }

    /** Why the command was refused. */
    public Rejection rejection() {
        return rejection;
    }
}
