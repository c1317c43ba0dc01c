package dev.access.crypto;

/**
 * The 32-byte keyed digest of a PIN: HMAC-SHA-256 under one lock's key for one epoch.
 *
 * <p>Guarantees: {@link #equals(Object)} compares all 32 bytes without an early exit, so its time
 * does not depend on where two digests differ; {@link #toString()} is redacted. A digest is useless
 * without its epoch's key: once the epoch is destroyed nobody can test a PIN against it.
 */
public final class CodeDigest {
    /** The length of a digest in bytes. */
    public static final int LENGTH = 32;

    final long w0;
    final long w1;
    final long w2;
    final long w3;

    CodeDigest(long w0, long w1, long w2, long w3) {
        this.w0 = w0;
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
    }

    /**
     * Rebuilds a digest from its 32 bytes, as stored in an event.
     *
     * @throws IllegalArgumentException if {@code bytes} is null or not 32 bytes long
     */
    public static CodeDigest fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a code digest is " + LENGTH + " bytes, got "
                    + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        return new CodeDigest(Bytes.longAt(bytes, 0), Bytes.longAt(bytes, 8),
                Bytes.longAt(bytes, 16), Bytes.longAt(bytes, 24));
    }

    /** A copy of the 32 bytes, for storing in an event. */
    public byte[] toBytes() {
        byte[] out = new byte[LENGTH];
        Bytes.putLong(out, 0, w0);
        Bytes.putLong(out, 8, w1);
        Bytes.putLong(out, 16, w2);
        Bytes.putLong(out, 24, w3);
        return out;
    }

    /**
     * A public commitment to this digest for audit trails:
     * {@code hex(SHA-256("access/digest-commitment/v1" ‖ 0x00 ‖ digest))}. It identifies the same
     * code across events (equal digests, equal commitments) yet reveals nothing that would let
     * anyone test a PIN, even with the key.
     */
    public String commitment() {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(COMMITMENT_LABEL);
            sha.update(toBytes());
            return Bytes.hex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static final byte[] COMMITMENT_LABEL = Bytes.concat(Bytes.utf8("access/digest-commitment/v1"),
            new byte[] {0});

    /** Constant-time equality over all 32 bytes. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CodeDigest)) {
            return false;
        }
        CodeDigest other = (CodeDigest) o;
        long diff = (w0 ^ other.w0) | (w1 ^ other.w1) | (w2 ^ other.w2) | (w3 ^ other.w3);
        return diff == 0;
    }

    /** The first eight bytes: the digest is a keyed pseudo-random value, so they hash well. */
    @Override
    public int hashCode() {
        return (int) (w0 ^ (w0 >>> 32));
    }

    /** Redacted. */
    @Override
    public String toString() {
        return "CodeDigest[redacted]";
    }
}
