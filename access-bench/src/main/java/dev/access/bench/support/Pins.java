package dev.access.bench.support;

import dev.access.crypto.CodeDigest;
import dev.access.crypto.CodeDigester;
import dev.access.crypto.CredentialTable;
import dev.access.crypto.PinCode;
import dev.access.crypto.PinPolicy;
import java.util.SplittableRandom;

/**
 * Deterministic PIN sets: {@code n} distinct stored codes and, disjoint from them, as many
 * non-stored ones as needed, from one bijection on 8-digit numbers (no set, no retries, 1M codes in
 * milliseconds).
 */
public final class Pins {
    /** 4 to 12 digits, so every length the benchmarks sweep is accepted. */
    public static final PinPolicy POLICY = PinPolicy.defaults().withLengths(4, 12);

    private static final long SPACE = 100_000_000L;
    /** Odd and not a multiple of 5: coprime with 10^8, so i -> A*i + B mod 10^8 is a bijection. */
    private static final long A = 7_654_321L;
    private static final long B = 12_345_679L;

    private Pins() {
    }

    /** The {@code i}-th 8-digit code; distinct for distinct {@code i} below 10^8. */
    public static byte[] code(long i) {
        long v = Math.floorMod(A * i + B, SPACE);
        byte[] out = new byte[8];
        for (int k = 7; k >= 0; k--) {
            out[k] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return out;
    }

    /** Same as {@link #code(long)} as typed characters. */
    public static char[] chars(long i) {
        byte[] b = code(i);
        char[] c = new char[b.length];
        for (int k = 0; k < b.length; k++) {
            c[k] = (char) b[k];
        }
        return c;
    }

    /** Codes 0..n-1. */
    public static byte[][] stored(int n) {
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            out[i] = code(i);
        }
        return out;
    }

    /**
     * A ring of {@code size} typed queries: a fraction {@code hit} of them stored codes (chosen at
     * random among the {@code n}), the rest codes never stored, shuffled.
     */
    public static byte[][] queries(int n, double hit, int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int hits = (int) Math.round(size * hit);
        byte[][] out = new byte[size][];
        for (int q = 0; q < size; q++) {
            out[q] = q < hits ? code(r.nextInt(n)) : code(n + 1L + r.nextInt(1 << 20));
        }
        for (int q = size - 1; q > 0; q--) {
            int j = r.nextInt(q + 1);
            byte[] t = out[q];
            out[q] = out[j];
            out[j] = t;
        }
        return out;
    }

    /** The digest of one typed code. */
    public static CodeDigest digest(CodeDigester digester, byte[] typed) {
        try (PinCode pin = PinCode.of(typed, POLICY)) {
            return digester.digest(pin);
        }
    }

    /** A table of codes 0..n-1 in slots 0..n-1. */
    public static CredentialTable table(CodeDigester digester, CredentialTable.Variant variant, int n) {
        CredentialTable.Builder b = CredentialTable.builder(variant);
        for (int i = 0; i < n; i++) {
            b.add(digest(digester, code(i)), i);
        }
        return b.build();
    }
}
