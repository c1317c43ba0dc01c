package dev.access.crypto;

import java.security.GeneralSecurityException;

/** A checkpoint's signature did not verify, or it was made for another lock or key. */
public final class CheckpointVerificationException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    /** A failed verification described by {@code message}. */
    public CheckpointVerificationException(String message) {
        super(message);
    }
}
