package dev.access.core.fleet;

import dev.access.AccessException;

/** A segment or a question about a lock this backend has no enrollment of. Permanent until it enrolls. */
public final class LockNotEnrolledException extends AccessException {
    private static final long serialVersionUID = 1L;
    private final String lock;

    /** {@code lock} is not enrolled with this backend. */
    public LockNotEnrolledException(String lock) {
        super("NOT_ENROLLED: lock '" + lock + "' is not enrolled with this backend (register its enrollment first)");
        this.lock = lock;
    }

    /** The lock. */
    public String lock() {
        return lock;
    }
}
