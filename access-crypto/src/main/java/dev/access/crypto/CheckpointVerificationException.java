package dev.access.crypto;

import dev.access.AccessException;

/** A checkpoint's signature did not verify, or it was made for another lock or key. Permanent. */
public final class CheckpointVerificationException extends AccessException {
    private static final long serialVersionUID = 1L;

    /** A failed verification described by {@code message}. */
    public CheckpointVerificationException(String message) {
        super(message);
    }
}
