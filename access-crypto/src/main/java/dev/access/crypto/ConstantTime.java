package dev.access.crypto;

/**
 * Branch-free comparison of secrets.
 *
 * <p>Guarantees: for arrays of equal length the running time depends only on that length, never on
 * the contents or on the position of a difference. Arrays of different lengths compare unequal at
 * once (lengths are not secret here).
 */
final class ConstantTime {
    private ConstantTime() {
    }

    /**
     * Whether two byte arrays hold the same bytes, compared in time that depends only on their
     * length.
     *
     * @throws NullPointerException if either array is null
     */
    static boolean equals(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff |= a[i] ^ b[i];
        }
        return diff == 0;
    }

    /** 1 when {@code x == 0}, else 0, without a branch. */
    static long isZero(long x) {
        return ((x | -x) >>> 63) ^ 1L;
    }

    /**
     * The one constant-time match of both credential tables: {@code tag} when entry {@code e} of
     * {@code words} (four longs an entry) holds {@code d} and the entry is occupied ({@code tag != 0}),
     * else 0. The same loads, XORs and ORs run whatever the contents; nothing branches on the result.
     */
    static int tagIfMatch(long[] words, int e, int tag, CodeFingerprint d) {
        return tagIfMatchAt(words, e * 4, tag, d);
    }

    /** {@link #tagIfMatch} for the digest at {@code words[at .. at + 3]}. */
    static int tagIfMatchAt(long[] words, int at, int tag, CodeFingerprint d) {
        long diff = (words[at] ^ d.w0) | (words[at + 1] ^ d.w1)
                | (words[at + 2] ^ d.w2) | (words[at + 3] ^ d.w3);
        // All ones when the words are equal and the entry is occupied, else zero.
        long occupied = ((long) tag | -(long) tag) >>> 63;
        return tag & (int) -(isZero(diff) & occupied);
    }

    /** Writes {@code d} into entry {@code e} of {@code words} (four longs an entry). */
    static void putWords(long[] words, int e, CodeFingerprint d) {
        words[e * 4] = d.w0;
        words[e * 4 + 1] = d.w1;
        words[e * 4 + 2] = d.w2;
        words[e * 4 + 3] = d.w3;
    }
}
