package dev.access.crypto;

/**
 * Signs checkpoints of one lock's trail with the lock's Ed25519 key.
 *
 * <p>Guarantees: the private key never leaves the signer; safe to call from many threads.
 */
public interface CheckpointSigner {
    /** A checkpoint for the trail's head after event {@code sequence}. */
    Checkpoint sign(long sequence, ChainHead head);

    /** The public key that verifies this signer's checkpoints. */
    TrailPublicKey publicKey();
}
