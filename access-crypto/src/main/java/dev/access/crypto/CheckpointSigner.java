package dev.access.crypto;

import java.time.Instant;

/**
 * Signs checkpoints of one lock's trail with the lock's Ed25519 key.
 *
 * <p>Guarantees: the private key never leaves the signer; safe to call from many threads.
 */
public interface CheckpointSigner {
    /** A checkpoint, made at {@code at}, for the trail's head after event {@code sequence}. */
    Checkpoint sign(long sequence, ChainHead head, Instant at);

    /** The public key that verifies this signer's checkpoints. */
    TrailPublicKey publicKey();

    /**
     * Signs {@code body} for {@code label} (1 to 64 of {@code a-z 0-9 . / -}) with the lock's trail
     * key: Ed25519 over {@code "access/statement/v1" ‖ 0x00 ‖ len(label) (4 bytes, big-endian) ‖
     * label ‖ body}, a message no checkpoint can have. Verified with
     * {@link TrailPublicKey#verifyStatement}.
     *
     * @return the 64-byte signature in base64
     * @throws UnsupportedOperationException if this signer signs checkpoints only
     */
    default String signStatement(String label, byte[] body) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " signs checkpoints only");
    }
}
