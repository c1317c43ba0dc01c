package dev.access.crypto;

/**
 * The 32-byte keyed digest of a PIN: HMAC-SHA-256 under one lock's key for one epoch.
 *
 * <p>Guarantees: {@link #equals(Object)} compares all 32 bytes without an early exit, so its time
 * does not depend on where two digests differ; {@link #toString()} is redacted. A digest is useless
 * without its epoch's key: once the epoch is destroyed nobody can test a PIN against it.
 */
public final class CodeDigest extends CodeFingerprint {
    /** The length of a digest in bytes. */
    public static final int LENGTH = CodeFingerprint.LENGTH;

    CodeDigest(long w0, long w1, long w2, long w3) {
        super(w0, w1, w2, w3);
    }

    /**
     * Rebuilds a digest from its 32 bytes, as stored in an event.
     *
     * @throws IllegalArgumentException if {@code bytes} is null or not 32 bytes long
     */
    public static CodeDigest fromBytes(byte[] bytes) {
        require32(bytes, "code digest");
        return new CodeDigest(Bytes.longAt(bytes, 0), Bytes.longAt(bytes, 8),
                Bytes.longAt(bytes, 16), Bytes.longAt(bytes, 24));
    }

    /**
     * A public commitment to this digest for audit trails:
     * {@code SHA-256("access/digest-commitment/v1" ‖ 0x00 ‖ digest)}. It identifies the same
     * code across events (equal digests, equal commitments) and hides the digest; without the key
     * ring nobody can test a PIN against it, but with the key ring anyone can (digest every
     * candidate PIN, then commit): like the digest itself, it is only as safe as the key ring.
     */
    @Override
    public CodeCommitment commitment() {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(COMMITMENT_LABEL);
            sha.update(toBytes());
            return CodeCommitment.of(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static final byte[] COMMITMENT_LABEL = Bytes.concat(Bytes.utf8("access/digest-commitment/v1"),
            new byte[] {0});

    /** Redacted. */
    @Override
    public String toString() {
        return "CodeDigest[redacted]";
    }
}
