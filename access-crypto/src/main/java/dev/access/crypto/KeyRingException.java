package dev.access.crypto;

import dev.access.AccessException;

/**
 * A key ring could not be used: its file could not be read or written (missing permissions,
 * corruption, truncation or an unsafe mode), or it does not belong to the store it was given to
 * ({@link KeyRingMismatchException}). The file is never silently replaced. Permanent: the key ring
 * needs attention.
 */
public class KeyRingException extends AccessException {
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
