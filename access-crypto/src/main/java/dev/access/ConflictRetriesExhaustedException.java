package dev.access;

/**
 * A command lost the race to append to its lock's stream on every retry: other nodes (or other
 * {@code AccessControl} instances on the same store) kept writing to the same lock. Nothing was
 * recorded by this call. Transient: the same call may succeed when made again.
 */
public final class ConflictRetriesExhaustedException extends TransientAccessException {
    private static final long serialVersionUID = 1L;
    private final int attempts;

    /** A command on {@code lock} that conflicted on each of its {@code attempts}. */
    public ConflictRetriesExhaustedException(String lock, int attempts, Throwable lastConflict) {
        super("lock " + lock + ": the command conflicted with concurrent writers on all " + attempts
                + " attempts; nothing was recorded", lastConflict);
        this.attempts = attempts;
    }

    /** How many times the command was tried. */
    public int attempts() {
        return attempts;
    }
}
