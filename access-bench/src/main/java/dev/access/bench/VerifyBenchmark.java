package dev.access.bench;

import dev.access.bench.support.Hmacs;
import dev.access.bench.support.Pins;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.CodeDigester;
import dev.access.crypto.CredentialTable;
import dev.access.crypto.DigestEngine;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.KeyRing;
import dev.access.crypto.PinCode;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.macs.HMac;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * <b>Question:</b> what does checking one typed PIN cost (PIN → {@code PinCode} → HMAC digest →
 * credential table → slot), how does it grow with the number of stored codes, and how far is it
 * from the bare HMAC-SHA-256 it cannot avoid?
 *
 * <p>In the same run:
 * <ul>
 *   <li>{@code verify}: the library's path, {@code INDEXED} table, N = 1 … 1M codes, hit ratio
 *       0 / 0.5 / 1, both {@link DigestEngine}s;</li>
 *   <li>{@code findOnly}: the INDEXED table's lookup of a digest made beforehand;</li>
 *   <li>{@code findOnlyWithChurn}: the same lookup beside as many bytes of fresh allocation as
 *       {@code verify} makes per check (1 and 1M codes only): whether what 1M codes add to
 *       {@code verify} but not to {@code findOnly} is the allocation evicting the table's lines;
 *       {@code findOnlyChained} the same with each lookup waiting for the one before;</li>
 *   <li>{@code verifyStrict}: the {@code STRICT} (full-scan) table up to N = 10k only: its time
 *       grows linearly with N by design (≈ 1 ns per code), so 1M would take about a millisecond;</li>
 *   <li>{@code hmacFloor}: one bare HMAC-SHA-256 over the same message, no PIN object, no table
 *       (JDK: precomputed pad states cloned per call; BC: a reused {@code HMac}) — the floor;</li>
 *   <li>{@code plaintextScan}: PINs stored in clear and scanned with an early-exit byte compare,
 *       as the Matter SDK's example lock does: insecure, for scale only;</li>
 *   <li>{@code verifyCold}: 1, 64 or 1024 resident locks with 1k codes each (and their own key),
 *       one picked at random per check, so with many locks the table is not in cache;</li>
 *   <li>{@code verifyTwoThreads}, {@code hmacFloorTwoThreads}: two threads at once (per-thread
 *       time; throughput = 2 / score).</li>
 * </ul>
 * Queries cycle through a ring of 1024 typed PINs in random order.
 *
 * <p>Run: {@code java -jar access-bench/target/benchmarks.jar VerifyBenchmark -rf json -rff verify.json}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class VerifyBenchmark {
    static final int RING = 1024;

    /** The position in the query ring, per thread. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;

        int next() {
            i = (i + 1) & (RING - 1);
            return i;
        }
    }

    /** A table of N codes of one variant and the queries against it. */
    public abstract static class TableState {
        CodeDigester digester;
        CredentialTable table;
        byte[][] queries;
        /** The queries' digests, made beforehand (for {@code findOnly}). */
        CodeDigest[] digests;

        void build(DigestEngine engine, CredentialTable.Variant variant, int codes, double hit) {
            KeyRing ring = InMemoryKeyRing.create();
            int epoch = ring.createEpoch("bench");
            digester = ring.digester("bench", epoch, engine);
            table = Pins.table(digester, variant, codes);
            queries = Pins.queries(codes, hit, RING, 42);
            digests = new CodeDigest[RING];
            for (int i = 0; i < RING; i++) {
                try (PinCode pin = PinCode.of(queries[i], Pins.POLICY)) {
                    digests[i] = digester.digest(pin);
                }
            }
        }

        int verify(byte[] typed) {
            try (PinCode pin = PinCode.of(typed, Pins.POLICY)) {
                return table.find(digester.digest(pin));
            }
        }
    }

    /** The INDEXED table. */
    @State(Scope.Benchmark)
    public static class Indexed extends TableState {
        @Param({"1", "10", "100", "1000", "10000", "100000", "1000000"})
        int codes;
        @Param({"0", "0.5", "1"})
        double hit;
        @Param({"JDK", "BOUNCY_CASTLE"})
        DigestEngine engine;

        @Setup(Level.Trial)
        public void setup() {
            build(engine, CredentialTable.Variant.INDEXED, codes, hit);
        }
    }

    /** The STRICT table, up to 10k codes. */
    @State(Scope.Benchmark)
    public static class Strict extends TableState {
        @Param({"1", "10", "100", "1000", "10000"})
        int strictCodes;
        @Param({"0", "0.5", "1"})
        double hit;
        @Param({"JDK", "BOUNCY_CASTLE"})
        DigestEngine engine;

        @Setup(Level.Trial)
        public void setup() {
            build(engine, CredentialTable.Variant.STRICT, strictCodes, hit);
        }
    }

    /** Two threads on one shared INDEXED table (JDK engine, hit ratio 0.5). */
    @State(Scope.Benchmark)
    public static class Shared extends TableState {
        @Param({"1000", "1000000"})
        int sharedCodes;

        @Setup(Level.Trial)
        public void setup() {
            build(DigestEngine.JDK, CredentialTable.Variant.INDEXED, sharedCodes, 0.5);
        }
    }

    /** The INDEXED table at 1 and 1M codes for {@code findOnlyWithChurn} (JDK engine, hit 0.5). */
    @State(Scope.Benchmark)
    public static class Churn extends TableState {
        @Param({"1", "1000000"})
        int churnCodes;

        @Setup(Level.Trial)
        public void setup() {
            build(DigestEngine.JDK, CredentialTable.Variant.INDEXED, churnCodes, 0.5);
        }
    }

    /** The bare HMAC floor, per engine. */
    @State(Scope.Thread)
    public static class Floor {
        @Param({"JDK", "BOUNCY_CASTLE"})
        DigestEngine engine;
        Hmacs.PadStateClone jdk;
        HMac bc;
        byte[][] queries;

        @Setup(Level.Trial)
        public void setup() {
            jdk = new Hmacs.PadStateClone(Hmacs.key());
            bc = Hmacs.bcHMac(Hmacs.key());
            queries = Pins.queries(1000, 0.5, RING, 42);
        }

        byte[] mac(byte[] typed) {
            return engine == DigestEngine.JDK ? jdk.mac(typed) : Hmacs.bc(bc, typed);
        }
    }

    /** PINs in clear, scanned with an early exit. */
    @State(Scope.Benchmark)
    public static class Plain {
        @Param({"1", "10", "100", "1000", "10000", "100000", "1000000"})
        int plainCodes;
        @Param({"0", "0.5", "1"})
        double hit;
        byte[][] stored;
        byte[][] queries;

        @Setup(Level.Trial)
        public void setup() {
            stored = Pins.stored(plainCodes);
            queries = Pins.queries(plainCodes, hit, RING, 42);
        }
    }

    /** Many resident locks, 1k codes each, one chosen at random per check. */
    @State(Scope.Benchmark)
    public static class Cold {
        static final int CODES_PER_LOCK = 1000;
        @Param({"1", "64", "1024"})
        int locks;
        CodeDigester[] digesters;
        CredentialTable[] tables;
        int[] lockOf;
        byte[][] queries;

        @Setup(Level.Trial)
        public void setup() {
            KeyRing ring = InMemoryKeyRing.create();
            digesters = new CodeDigester[locks];
            tables = new CredentialTable[locks];
            for (int l = 0; l < locks; l++) {
                int epoch = ring.createEpoch("lock-" + l);
                digesters[l] = ring.digester("lock-" + l, epoch, DigestEngine.JDK);
                tables[l] = Pins.table(digesters[l], CredentialTable.Variant.INDEXED, CODES_PER_LOCK);
            }
            SplittableRandom r = new SplittableRandom(7);
            lockOf = new int[RING];
            for (int q = 0; q < RING; q++) {
                lockOf[q] = r.nextInt(locks);
            }
            queries = Pins.queries(CODES_PER_LOCK, 0.5, RING, 42);
        }
    }

    /**
     * The verify path taken apart (N = 1, JDK engine): the digest of a PIN object made beforehand
     * ({@code digestOnly}), then the PIN object made and wiped around it ({@code pinAndDigest});
     * with {@code hmacFloor} and {@code verify} at N = 1 they show what each step adds.
     */
    @State(Scope.Thread)
    public static class Pieces {
        CodeDigester digester;
        PinCode[] pins;
        byte[][] queries;

        @Setup(Level.Trial)
        public void setup() {
            KeyRing ring = InMemoryKeyRing.create();
            digester = ring.digester("bench", ring.createEpoch("bench"), DigestEngine.JDK);
            queries = Pins.queries(1, 0.5, RING, 42);
            pins = new PinCode[RING];
            for (int i = 0; i < RING; i++) {
                pins[i] = PinCode.of(queries[i], Pins.POLICY);
            }
        }
    }

    /** The library's digest of a ready PIN object: the HMAC plus the digest object. */
    @Benchmark
    public Object digestOnly(Pieces p, Cursor c) {
        return p.digester.digest(p.pins[c.next()]);
    }

    /** The PIN object made from typed bytes, digested and wiped: verify without the table. */
    @Benchmark
    public Object pinAndDigest(Pieces p, Cursor c) {
        try (PinCode pin = PinCode.of(p.queries[c.next()], Pins.POLICY)) {
            return p.digester.digest(pin);
        }
    }

    /** The library's verify path on the INDEXED table. */
    @Benchmark
    public int verify(Indexed s, Cursor c) {
        return s.verify(s.queries[c.next()]);
    }

    /**
     * The table's lookup alone, of a digest made beforehand: with {@code pinAndDigest} it splits
     * {@code verify} in two, and at 1M codes it shows what the table's size adds (memory, not work).
     */
    @Benchmark
    public int findOnly(Indexed s, Cursor c) {
        return s.table.find(s.digests[c.next()]);
    }

    /**
     * Bytes allocated per call by {@code findOnlyWithChurn}: a {@code byte[488]} is 504 bytes with
     * its header, what {@code -prof gc} measures {@code verify} allocating per check.
     */
    static final int CHURN_BYTES = 488;

    /**
     * {@code findOnly} beside 504 bytes of fresh allocation per call, as much as {@code verify}
     * allocates: the allocation sweeps new memory through the caches as the HMAC's objects do, so
     * the table's lines for the ring's queries no longer stay in the core's own cache between
     * visits. Compared with {@code findOnly} at 1 and 1M codes it shows whether that explains the
     * part of verify's 1M penalty the lookup alone does not show.
     */
    @Benchmark
    public int findOnlyWithChurn(Churn s, Cursor c, Blackhole bh) {
        bh.consume(new byte[CHURN_BYTES]);
        return s.table.find(s.digests[c.next()]);
    }

    /** The ring position for {@code findOnlyChained}, moved by each lookup's result. */
    @State(Scope.Thread)
    public static class ChainedCursor {
        int i;
        int carry;

        int next() {
            i = (i + 1 + carry) & (RING - 1);
            return i;
        }
    }

    /**
     * {@code findOnlyWithChurn} with each lookup's address depending on the one before (a miss moves
     * the ring position by one more): no lookup can start before the previous one has answered,
     * as in {@code verify}, where the next check's table read waits behind a whole HMAC. What 1M
     * codes add here is the table's memory latency with nothing to hide it behind.
     */
    @Benchmark
    public int findOnlyChained(Churn s, ChainedCursor c, Blackhole bh) {
        bh.consume(new byte[CHURN_BYTES]);
        int slot = s.table.find(s.digests[c.next()]);
        c.carry = slot >>> 31;
        return slot;
    }

    /** The library's verify path on the STRICT table. */
    @Benchmark
    public int verifyStrict(Strict s, Cursor c) {
        return s.verify(s.queries[c.next()]);
    }

    /** One bare HMAC-SHA-256 of the same message: the floor. */
    @Benchmark
    public byte[] hmacFloor(Floor f, Cursor c) {
        return f.mac(f.queries[c.next()]);
    }

    /** Plaintext PINs, early-exit compare (insecure reference: what the Matter example lock does). */
    @Benchmark
    public int plaintextScan(Plain s, Cursor c) {
        byte[] q = s.queries[c.next()];
        byte[][] stored = s.stored;
        for (int i = 0; i < stored.length; i++) {
            byte[] code = stored[i];
            if (code.length == q.length) {
                int k = 0;
                while (k < q.length && code[k] == q[k]) {
                    k++;
                }
                if (k == q.length) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The verify path on one of many resident locks. */
    @Benchmark
    public int verifyCold(Cold s, Cursor c) {
        int q = c.next();
        int lock = s.lockOf[q];
        try (PinCode pin = PinCode.of(s.queries[q], Pins.POLICY)) {
            return s.tables[lock].find(s.digesters[lock].digest(pin));
        }
    }

    /** The verify path, two threads sharing one table. */
    @Benchmark
    @Threads(2)
    public int verifyTwoThreads(Shared s, Cursor c) {
        return s.verify(s.queries[c.next()]);
    }

    /** The floor, two threads. */
    @Benchmark
    @Threads(2)
    public byte[] hmacFloorTwoThreads(Floor f, Cursor c) {
        return f.mac(f.queries[c.next()]);
    }
}
