package dev.access.crypto;

import dev.access.AccessException;

/**
 * A signed statement (an enrollment, a programming batch) did not verify with the key it claims, or
 * was signed for another purpose. Permanent: the same input is refused again.
 */
public final class SignatureVerificationException extends AccessException {
    private static final long serialVersionUID = 1L;

    /** A failed verification described by {@code message}. */
    public SignatureVerificationException(String message) {
        super(message);
    }
}
