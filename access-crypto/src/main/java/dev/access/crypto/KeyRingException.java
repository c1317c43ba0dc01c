package dev.access.crypto;

/**
 * A key ring file could not be read or written: missing permissions, corruption, truncation or
 * an unsafe mode. The file is never silently replaced.
 */
public final class KeyRingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public KeyRingException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public KeyRingException(String message, Throwable cause) {
        super(message, cause);
    }
}
