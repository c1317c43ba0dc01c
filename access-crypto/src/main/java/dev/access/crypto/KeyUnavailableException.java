package dev.access.crypto;

import dev.access.AccessException;

/** A key was asked for that does not exist or was destroyed (crypto-shredded). Permanent. */
public final class KeyUnavailableException extends AccessException {
    private static final long serialVersionUID = 1L;

    /** A key for {@code lockId} and {@code epoch} is not available, for {@code reason}. */
    public KeyUnavailableException(String lockId, int epoch, String reason) {
        super("no key for lock " + lockId + " epoch " + epoch + ": " + reason);
    }

    private KeyUnavailableException(String message) {
        super(message);
    }

    /** The key of {@code subject} at {@code lockId} does not exist: it was erased, or never made. */
    public static KeyUnavailableException forSubject(String lockId, String subject) {
        return new KeyUnavailableException("no personal-data key for subject " + subject + " of lock " + lockId
                + ": it was erased or never made");
    }
}
