package dev.access.bench;

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
 * <b>Question:</b> what does one random read from an array of the credential table's size cost on
 * this machine, against the same read from an array that stays in cache? The difference is the
 * least a lookup in a table of a million codes can add over a table of one (its two buckets are
 * read from memory, wherever the digest lands): the floor of the "verify at 1M codes / at 1 code"
 * goal.
 *
 * <ul>
 *   <li>{@code chase}: each read's index comes from the previous read (a random cycle through the
 *       array): the full latency of one read, nothing overlapped;</li>
 *   <li>{@code twoIndependent}: two reads at random places whose addresses are known together, as
 *       the table's two buckets are: what the processor can overlap.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar access-bench/target/benchmarks.jar MemoryLatencyBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class MemoryLatencyBenchmark {

    /** An array of {@code bytes} as longs holding a random cycle (each entry the next index). */
    @State(Scope.Thread)
    public static class Cycle {
        /** Array size in bytes: in L1, past a core's L2 (in L3), the L3's size, the 1M-code table's order of size. */
        @Param({"16384", "1048576", "33554432", "134217728"})
        long bytes;
        long[] next;
        int at;
        long[] randoms;
        int r;

        @Setup(Level.Trial)
        public void setup() {
            int n = (int) (bytes / Long.BYTES);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            SplittableRandom random = new SplittableRandom(11);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            next = new long[n];
            for (int i = 0; i < n; i++) {
                next[order[i]] = order[(i + 1) % n];
            }
            randoms = new long[1 << 16];
            for (int i = 0; i < randoms.length; i++) {
                randoms[i] = random.nextLong();
            }
        }
    }

    /** One dependent read: the index of the next read is the value of this one. */
    @Benchmark
    public long chase(Cycle c) {
        int i = (int) c.next[c.at];
        c.at = i;
        return i;
    }

    /** Two reads at unrelated random places, addresses known at once (as the table's two buckets). */
    @Benchmark
    public long twoIndependent(Cycle c) {
        long x = c.randoms[c.r = (c.r + 1) & ((1 << 16) - 1)];
        int n = c.next.length;
        int a = (int) ((x & 0xFFFF_FFFFL) % n);
        int b = (int) ((x >>> 32) % n);
        return c.next[a] + c.next[b];
    }
}
