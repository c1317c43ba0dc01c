package dev.access.crypto;

/**
 * What identifies a PIN code in a lock's events: inside the lock's store, its keyed
 * {@link CodeDigest}; in an export (and so in every replay, report and diagnosis made from one),
 * the public {@link CodeCommitment} to that digest. The two are never equal to each other, and the
 * types say which one a value is.
 *
 * <p>Guarantees: 32 bytes compared without an early exit; neither kind reveals a PIN.
 */
public abstract sealed class CodeFingerprint permits CodeDigest, CodeCommitment {
    /** The length in bytes. */
    public static final int LENGTH = 32;

    final long w0;
    final long w1;
    final long w2;
    final long w3;

    CodeFingerprint(long w0, long w1, long w2, long w3) {
        this.w0 = w0;
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
    }

    CodeFingerprint(byte[] bytes) {
        this(Bytes.longAt(bytes, 0), Bytes.longAt(bytes, 8), Bytes.longAt(bytes, 16), Bytes.longAt(bytes, 24));
    }

    /** The commitment this fingerprint stands for: a digest's commitment, or the commitment itself. */
    public abstract CodeCommitment commitment();

    /**
     * Whether {@code typed}, the digest of a PIN someone typed, is the code this fingerprint
     * identifies: equal digests, or for a commitment, the commitment to {@code typed}.
     */
    public final boolean identifies(CodeDigest typed) {
        return this instanceof CodeDigest ? equals(typed) : equals(typed.commitment());
    }

    /** A copy of the 32 bytes. */
    public final byte[] toBytes() {
        byte[] out = new byte[LENGTH];
        Bytes.putLong(out, 0, w0);
        Bytes.putLong(out, 8, w1);
        Bytes.putLong(out, 16, w2);
        Bytes.putLong(out, 24, w3);
        return out;
    }

    static byte[] require32(byte[] bytes, String what) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a " + what + " is " + LENGTH + " bytes, got "
                    + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        return bytes;
    }

    /** Constant-time equality over all 32 bytes; a digest never equals a commitment. */
    @Override
    public final boolean equals(Object o) {
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        CodeFingerprint other = (CodeFingerprint) o;
        long diff = (w0 ^ other.w0) | (w1 ^ other.w1) | (w2 ^ other.w2) | (w3 ^ other.w3);
        return diff == 0;
    }

    /** The first eight bytes: both kinds are pseudo-random values, so they hash well. */
    @Override
    public final int hashCode() {
        return (int) (w0 ^ (w0 >>> 32));
    }
}
