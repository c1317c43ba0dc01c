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
}
