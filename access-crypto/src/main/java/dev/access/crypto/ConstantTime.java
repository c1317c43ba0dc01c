package dev.access.crypto;

/**
 * Branch-free comparison of secrets.
 *
 * <p>Guarantees: for arrays of equal length the running time depends only on that length, never on
 * the contents or on the position of a difference. Arrays of different lengths compare unequal at
 * once (lengths are not secret here).
 */
public final class ConstantTime {
    private ConstantTime() {
    }

    /**
     * Whether two byte arrays hold the same bytes, compared in time that depends only on their
     * length.
     *
     * @throws NullPointerException if either array is null
     */
    public static boolean equals(byte[] a, byte[] b) {
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
}
