package dev.access.core.fleet;

import dev.access.AccessException;

/**
 * A text is not a programming batch: not one JSON object, an unknown format, a duplicate, unknown,
 * missing or malformed field. Permanent. The message names the field and shows at most 80
 * characters of the input.
 */
public final class MalformedBatchException extends AccessException {
    private static final long serialVersionUID = 1L;

    MalformedBatchException(String message) {
        super("malformed batch: " + message);
    }
}
