package dev.access.core.audit;

import dev.access.AccessException;

/**
 * A trail source met a line that is not a trail record, where a tool needs every record (use
 * {@link TrailReader} or {@link TrailVerifier} to list every problem instead). Permanent: the same
 * input fails the same way. The message names the line and what is wrong with it.
 */
public final class MalformedTrailException extends AccessException {
    private static final long serialVersionUID = 1L;
    private final long line;

    MalformedTrailException(long line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** The 1-based number of the offending line. */
    public long line() {
        return line;
    }
}
