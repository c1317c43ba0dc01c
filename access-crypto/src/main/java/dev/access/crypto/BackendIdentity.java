package dev.access.crypto;

/**
 * A backend's private identity, held in its key ring: signs statements (programming batches) with
 * its Ed25519 key; its X25519 key opens what locks seal for it.
 *
 * <p>Guarantees: no method returns private key bytes; safe to call from many threads.
 */
public interface BackendIdentity {
    /** The public half, as locks enroll with it. */
    BackendPublicKey publicKey();

    /**
     * Signs {@code body} for {@code label} (1 to 64 of {@code a-z 0-9 . / -}): Ed25519 over
     * {@code "access/statement/v1" ‖ 0x00 ‖ len(label) (4 bytes, big-endian) ‖ label ‖ body}.
     *
     * @return the 64-byte signature in base64
     */
    String signStatement(String label, byte[] body);
}
