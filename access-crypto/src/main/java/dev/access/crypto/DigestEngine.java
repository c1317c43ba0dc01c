package dev.access.crypto;

/**
 * The HMAC-SHA-256 implementation behind a {@link CodeDigester}. Both produce byte-identical
 * digests; they differ only in speed.
 */
public enum DigestEngine {
    /**
     * The JDK's SHA-256 (with CPU SHA intrinsics where available), with the keyed inner and outer
     * states computed once and cloned per digest. The default.
     */
    JDK {
        @Override
        PrefixedHmac create(byte[] key, byte[] prefix) {
            return new JdkPrefixedHmac(key, prefix);
        }
    },
    /** Bouncy Castle's pure-Java SHA-256 through the same precomputed-state scheme. */
    BOUNCY_CASTLE {
        @Override
        PrefixedHmac create(byte[] key, byte[] prefix) {
            return new BcPrefixedHmac(key, prefix);
        }
    };

    /** An HMAC-SHA-256 under {@code key} over {@code prefix ‖ message}, for any message. */
    abstract PrefixedHmac create(byte[] key, byte[] prefix);
}
