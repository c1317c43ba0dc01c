package dev.access.crypto;

/**
 * A signed statement that a lock's trail had {@code chainHead} after event {@code sequence}:
 * Ed25519 over {@code "access/checkpoint/v1" ‖ lock ‖ sequence ‖ head}, by the key {@code keyId}.
 *
 * @param lockId the lock
 * @param sequence the sequence number of the last event covered
 * @param chainHead the chain head after that event, 64 hex characters
 * @param keyId the signing key's id (see {@link TrailPublicKey#keyId()})
 * @param signature the 64-byte Ed25519 signature, base64
 */
public record Checkpoint(String lockId, long sequence, String chainHead, String keyId,
        String signature) {

    /** The exact bytes that are signed. */
    static byte[] signedBytes(String lockId, long sequence, ChainHead head) {
        byte[] lock = Bytes.utf8(lockId);
        byte[] seq = new byte[8];
        Bytes.putLong(seq, 0, sequence);
        byte[] len = new byte[8];
        Bytes.putLong(len, 0, lock.length);
        return Bytes.concat(Bytes.utf8("access/checkpoint/v1"), new byte[] {0}, len, lock, seq,
                head.raw());
    }
}
