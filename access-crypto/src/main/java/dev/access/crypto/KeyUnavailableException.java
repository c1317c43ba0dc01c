package dev.access.crypto;

/** A key was asked for that does not exist or was destroyed (crypto-shredded). */
public final class KeyUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** A key for {@code lockId} and {@code epoch} is not available, for {@code reason}. */
    public KeyUnavailableException(String lockId, int epoch, String reason) {
        super("no key for lock " + lockId + " epoch " + epoch + ": " + reason);
    }
}
