package dev.access.crypto;

import dev.access.AccessException;

/** A key was asked for that does not exist or was destroyed (crypto-shredded). Permanent. */
public final class KeyUnavailableException extends AccessException {
    private static final long serialVersionUID = 1L;

    /** A key for {@code lockId} and {@code epoch} is not available, for {@code reason}. */
    public KeyUnavailableException(String lockId, int epoch, String reason) {
        super("no key for lock " + lockId + " epoch " + epoch + ": " + reason);
    }
}
