package dev.access.crypto;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * A signed statement that a lock's trail had {@code chainHead} after event {@code sequence}, made at
 * {@code at}: Ed25519, by the key {@code keyId}, over
 * {@code "access/checkpoint/v2" ‖ 0x00 ‖ len(lock) ‖ lock ‖ sequence ‖ head ‖ at (epoch seconds,
 * nanos) ‖ len(keyId) ‖ keyId}. Everything the checkpoint says is signed, its time included, so an
 * auditor can rely on "signed up to sequence S at time T".
 *
 * @param lockId the lock
 * @param sequence the sequence number of the last event covered
 * @param chainHead the chain head after that event, 64 hex characters
 * @param at when the checkpoint was made (the lock's clock)
 * @param keyId the signing key's id (see {@link TrailPublicKey#keyId()})
 * @param signature the 64-byte Ed25519 signature, base64
 */
public record Checkpoint(String lockId, long sequence, String chainHead, Instant at, String keyId,
        String signature) {

    /** The exact bytes that are signed (big-endian lengths and numbers). */
    static byte[] signedBytes(String lockId, long sequence, ChainHead head, Instant at, String keyId) {
        byte[] label = Bytes.utf8("access/checkpoint/v2");
        byte[] lock = Bytes.utf8(lockId);
        byte[] key = Bytes.utf8(keyId);
        byte[] raw = head.raw();
        return ByteBuffer.allocate(label.length + 1 + 8 + lock.length + 8 + raw.length + 8 + 4 + 8 + key.length)
                .put(label).put((byte) 0)
                .putLong(lock.length).put(lock)
                .putLong(sequence)
                .put(raw)
                .putLong(at.getEpochSecond()).putInt(at.getNano())
                .putLong(key.length).put(key)
                .array();
    }
}
