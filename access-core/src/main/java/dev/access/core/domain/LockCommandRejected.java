package dev.access.core.domain;

import dev.access.AccessException;

/**
 * A command the lock refused: nothing was recorded and nothing changed. The message names the
 * offending value, never a PIN or a digest. Permanent: the same command in the same state is
 * refused again.
 */
public final class LockCommandRejected extends AccessException {
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
