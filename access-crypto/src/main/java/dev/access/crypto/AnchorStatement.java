package dev.access.crypto;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;

/**
 * The statement a lock signs when it prunes its trail (a retention anchor): "my trail had chain head
 * {@code head} after event {@code sequence}, the events from {@code firstSequence} up to it were
 * removed, they were all stamped at or before {@code through}, and my state after them is the one
 * whose audit form hashes to {@code stateSha256}; signed at {@code at}". Ed25519 by the lock's trail
 * key as a statement ({@link CheckpointSigner#signStatement}) with its own label {@value #LABEL}, so
 * it can be taken neither for a checkpoint nor for any other statement. The body, big-endian:
 * {@code len(lock) (8) ‖ lock ‖ sequence (8) ‖ head (32) ‖ firstSequence (8) ‖ at (epoch seconds 8,
 * nanos 4) ‖ through (epoch seconds 8, nanos 4; both 0 with a leading 0 byte when absent, else a 1
 * byte first) ‖ stateSha256 (32) ‖ len(keyId) (8) ‖ keyId}.
 *
 * <p>Guarantees: {@link #verify} either returns normally or throws; every field the anchor states is
 * covered by the signature.
 */
public final class AnchorStatement {
    /** The statement label of a retention anchor. */
    public static final String LABEL = "access/trail-anchor/v1";

    private AnchorStatement() {
    }

    /**
     * The exact body signed for an anchor.
     *
     * @param lockId the lock
     * @param sequence the sequence of the event the anchor replaces (the cut)
     * @param head the chain head after that event
     * @param firstSequence the first sequence the trail held before this prune
     * @param at when the anchor was signed
     * @param through every removed event was stamped at or before it (null if unknown)
     * @param stateSha256 SHA-256 of the audit-form bytes of the lock's state after the cut (32 bytes)
     * @param keyId the signing key's id
     * @throws IllegalArgumentException if the state hash is not 32 bytes
     */
    public static byte[] body(String lockId, long sequence, ChainHead head, long firstSequence, Instant at,
            Instant through, byte[] stateSha256, String keyId) {
        return body(lockId, sequence, head, firstSequence, at, through, stateSha256, keyId, "");
    }

    /**
     * The bytes signed for an anchor made by {@code actor} (its canonical text, see the trail's
     * {@code TrailAnchored}; empty for none), appended as {@code len(actor) (8) ‖ actor}.
     */
    public static byte[] body(String lockId, long sequence, ChainHead head, long firstSequence, Instant at,
            Instant through, byte[] stateSha256, String keyId, String actor) {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(at, "at");
        if (stateSha256 == null || stateSha256.length != 32) {
            throw new IllegalArgumentException("a state hash is 32 bytes, got "
                    + (stateSha256 == null ? "null" : stateSha256.length));
        }
        byte[] lock = Bytes.utf8(Objects.requireNonNull(lockId, "lockId"));
        byte[] key = Bytes.utf8(Objects.requireNonNull(keyId, "keyId"));
        byte[] who = Bytes.utf8(Objects.requireNonNull(actor, "actor"));
        return ByteBuffer.allocate(8 + lock.length + 8 + 32 + 8 + 12 + 13 + 32 + 8 + key.length + 8 + who.length)
                .putLong(lock.length).put(lock)
                .putLong(sequence)
                .put(head.raw())
                .putLong(firstSequence)
                .putLong(at.getEpochSecond()).putInt(at.getNano())
                .put((byte) (through == null ? 0 : 1))
                .putLong(through == null ? 0 : through.getEpochSecond()).putInt(through == null ? 0 : through.getNano())
                .put(stateSha256)
                .putLong(key.length).put(key)
                .putLong(who.length).put(who)
                .array();
    }

    /**
     * Signs an anchor's body with the lock's trail key.
     *
     * @return the 64-byte signature, base64
     */
    public static String sign(CheckpointSigner signer, byte[] body) {
        return signer.signStatement(LABEL, body);
    }

    /**
     * Checks an anchor's signature with the lock's public key.
     *
     * @throws SignatureVerificationException if the signature is malformed or does not verify
     */
    public static void verify(TrailPublicKey key, byte[] body, String signature) throws SignatureVerificationException {
        key.verifyStatement(LABEL, body, signature);
    }
}
