package dev.access.crypto;

import dev.access.AccessException;

/**
 * A sealed secret could not be opened: it was not sealed to this key, it or the context it was
 * sealed for was changed, or what it holds is not a PIN. Permanent: the same input fails again.
 */
public final class SealedSecretException extends AccessException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public SealedSecretException(String message) {
        super(message);
    }
}
