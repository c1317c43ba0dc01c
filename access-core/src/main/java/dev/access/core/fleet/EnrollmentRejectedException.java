package dev.access.core.fleet;

import dev.access.AccessException;

/**
 * An enrollment the backend refused although its signature verifies: it names another backend,
 * carries another trail key than the lock enrolled with before, goes back to an older key epoch, or
 * anchors a chain head that contradicts the trail the backend holds. Nothing was recorded.
 * Permanent.
 */
public final class EnrollmentRejectedException extends AccessException {
    private static final long serialVersionUID = 1L;

    /** A refusal described by {@code message}. */
    public EnrollmentRejectedException(String message) {
        super(message);
    }
}
