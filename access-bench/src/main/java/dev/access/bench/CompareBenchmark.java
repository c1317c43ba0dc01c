package dev.access.bench;

import dev.access.crypto.CodeDigest;
import dev.access.crypto.ChainHead;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * <b>Question:</b> what does comparing two 32-byte digests cost, and does it depend on where they
 * differ? Bouncy Castle's {@code Arrays.constantTimeAreEqual}, {@code MessageDigest.isEqual}, the
 * library's byte-wise compare (as {@link ChainHead#equals} uses it) and {@link CodeDigest#equals} (four XOR/OR'd longs, what
 * the credential table does), and {@code java.util.Arrays.equals} (not constant-time: the
 * reference); for equal arrays and arrays differing in the first or the last byte. The times
 * should be flat across the three cases for every constant-time variant. A sanity check, not a
 * proof: see the timing-leak harness.
 *
 * <p>Run: {@code java -jar access-bench/target/benchmarks.jar CompareBenchmark -rf json -rff compare.json}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class CompareBenchmark {
    /** Where the second array differs from the first. */
    public enum Difference { NONE, FIRST_BYTE, LAST_BYTE }

    /** Two 32-byte arrays (and the same as digests). */
    @State(Scope.Thread)
    public static class Pair {
        @Param({"NONE", "FIRST_BYTE", "LAST_BYTE"})
        Difference difference;
        byte[] a;
        byte[] b;
        CodeDigest da;
        CodeDigest db;
        ChainHead ha;
        ChainHead hb;

        @Setup(Level.Trial)
        public void setup() {
            SplittableRandom r = new SplittableRandom(3);
            a = new byte[32];
            for (int i = 0; i < 32; i++) {
                a[i] = (byte) r.nextInt();
            }
            b = a.clone();
            if (difference == Difference.FIRST_BYTE) {
                b[0] ^= 1;
            } else if (difference == Difference.LAST_BYTE) {
                b[31] ^= 1;
            }
            da = CodeDigest.fromBytes(a);
            db = CodeDigest.fromBytes(b);
            ha = ChainHead.fromHex(java.util.HexFormat.of().formatHex(a));
            hb = ChainHead.fromHex(java.util.HexFormat.of().formatHex(b));
        }
    }

    /** Bouncy Castle {@code Arrays.constantTimeAreEqual}. */
    @Benchmark
    public boolean bcConstantTimeAreEqual(Pair p) {
        return org.bouncycastle.util.Arrays.constantTimeAreEqual(p.a, p.b);
    }

    /** JDK {@code MessageDigest.isEqual} (constant-time since JDK 6u17). */
    @Benchmark
    public boolean messageDigestIsEqual(Pair p) {
        return MessageDigest.isEqual(p.a, p.b);
    }

    /** The library's byte-wise constant-time compare, through {@link ChainHead#equals}. */
    @Benchmark
    public boolean constantTimeEquals(Pair p) {
        return p.ha.equals(p.hb);
    }

    /** The library's {@link CodeDigest#equals}: four longs XOR/OR'd. */
    @Benchmark
    public boolean codeDigestEquals(Pair p) {
        return p.da.equals(p.db);
    }

    /** {@code java.util.Arrays.equals}: vectorized, early exit, not constant-time (reference). */
    @Benchmark
    public boolean arraysEquals(Pair p) {
        return java.util.Arrays.equals(p.a, p.b);
    }
}
