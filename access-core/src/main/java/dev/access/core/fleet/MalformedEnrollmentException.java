package dev.access.core.fleet;

import dev.access.AccessException;

/**
 * A text is not an enrollment document: not one JSON object, an unknown format, a duplicate,
 * unknown, missing or malformed field. Permanent: the same text is refused again. The message
 * names the field and what is wrong, and shows at most 80 characters of the input.
 */
public final class MalformedEnrollmentException extends AccessException {
    private static final long serialVersionUID = 1L;

    MalformedEnrollmentException(String message) {
        super("malformed enrollment: " + message);
    }
}
