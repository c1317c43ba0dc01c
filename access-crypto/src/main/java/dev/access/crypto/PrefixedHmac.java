package dev.access.crypto;

/**
 * HMAC-SHA-256 under a fixed key over a fixed prefix followed by a variable message: the prefix
 * (the domain separation label) is absorbed once, so each call hashes only the message.
 * Implementations are immutable after construction and safe to call from many threads.
 */
interface PrefixedHmac {
    /** The 32-byte tag of {@code prefix ‖ message}. */
    byte[] mac(byte[] message);

    /** RFC 2104 key preparation: keys longer than the block are hashed, then zero-padded. */
    static byte[] blockKey(byte[] key) {
        byte[] k = key;
        if (k.length > 64) {
            try {
                k = java.security.MessageDigest.getInstance("SHA-256").digest(k);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JDK", e);
            }
        }
        return java.util.Arrays.copyOf(k, 64);
    }

    /** The block key XORed with a pad byte (0x36 inner, 0x5c outer). */
    static byte[] pad(byte[] blockKey, int pad) {
        byte[] out = new byte[64];
        for (int i = 0; i < 64; i++) {
            out[i] = (byte) (blockKey[i] ^ pad);
        }
        return out;
    }
}
