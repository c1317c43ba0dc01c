package dev.access.bench.leak;

import dev.access.bench.support.OfflinePins;
import dev.access.bench.support.Pins;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.CodeDigester;
import dev.access.crypto.ChainHead;
import dev.access.crypto.CredentialTable;
import dev.access.crypto.DigestEngine;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.KeyRing;
import dev.access.crypto.OfflineCodeChecker;
import dev.access.crypto.PinCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/*
 * Implementation notes.
 *
 * Method (after dudect: Reparaz, Balasch, Verbauwhede, "Dude, is my code constant time?", DATE
 * 2017): each test has two input classes. For every measurement the class is drawn at random (so
 * drift, GC and neighbours hit both classes alike) and a fresh input of that class is built from a
 * pool of contents; all of this happens before timing starts, so the timed region is the same code
 * for both classes (an earlier version chose the input inside it, and the branch on the class
 * alone gave |t| > 10 at 10^6 samples).
 *
 * Identically placed data: the inputs are built a chunk of measurements at a time, in the order
 * they will be used, immediately before that chunk is timed. So the objects of both classes are
 * interleaved at random in memory, of the same age, equally likely in cache, whatever class they
 * are. (Versions that took pre-built objects from one pool per class, even allocated side by
 * side, failed their own A/A row: two pools of equal digests gave |t| 9.0 at 10^6 samples, since
 * where a pool's objects sat after the collector moved them differed between the pools.)
 *
 * Then each batch of calls is timed with System.nanoTime() around it. After a warm-up (the same
 * loop, unrecorded, so the JIT has compiled it), N measurements are taken. Welch's t is
 * computed on the raw times and on the times below the pooled 50th, 75th, 90th, 95th and 99th
 * percentiles (cropping the long upper tail of interrupts and GC); the largest |t| decides:
 * below 4.5 pass, 4.5 to 10 inconclusive, 10 or more leak.
 *
 * Positive controls must come out as leaks, or the harness lacks the power to see a leak of that
 * size and the run fails (exit 2): an early-exit byte compare of 32 bytes differing in the first vs
 * the last byte (about 30 byte steps apart), and java.util.Arrays.equals on 4 KiB arrays differing
 * in the first vs the last byte (the vectorized compare exits early, so the difference is the time
 * of scanning 4 KiB). Arrays.equals on 32 bytes is reported too, as information: its early exit is
 * a nanosecond or less, below what nanoTime() around a call can usually resolve.
 */
/**
 * A dudect-style timing-leak test of the verify path and of the offline-code checker (a main
 * program, not JMH). Prints |t| per
 * pair of input classes and a verdict; writes a JSON summary when given a path. Statistical
 * evidence on this machine, this JVM and these inputs, not a proof; see the module README.
 *
 * <p>Run: {@code java -cp access-bench/target/benchmarks.jar dev.access.bench.leak.TimingLeakHarness
 * [--samples 1000000] [--warmup 200000] [--json out.json] [--only TEXT]}; {@code --only} keeps the
 * tests whose name contains TEXT (ignoring case), and always the positive controls.
 */
public final class TimingLeakHarness {
    static final double PASS = 4.5;
    static final double LEAK = 10.0;
    static final double[] CROPS = {1.0, 0.99, 0.95, 0.90, 0.75, 0.50};
    static final int POOL = 4096;
    /** Measurements whose inputs are built together, just before they are timed. */
    static final int CHUNK = 4096;

    /** The timed call, on an input prepared before the clock starts. */
    interface Target {
        int run(Object input);
    }

    /**
     * Builds a new object holding the {@code i}-th input of class {@code cls} (0 or 1), outside the
     * timed region: each call returns a fresh object (a copy), so where it lies in memory depends on
     * when it was built, never on its class.
     */
    interface Inputs {
        Object input(int cls, int i);
    }

    /** A test: two classes, what is expected of it. */
    record Test(String name, String classA, String classB, boolean control, int batch, Inputs inputs, Target target) {
    }

    /** A test's outcome. */
    record Result(Test test, double maxT, double[] tByCrop, double meanA, double meanB, double medianA,
            double medianB, long n) {
        String verdict() {
            return maxT < PASS ? "pass" : maxT < LEAK ? "inconclusive" : "LEAK";
        }

        boolean ok() {
            return test.control ? maxT >= LEAK : true;
        }
    }

    private static volatile int sink;

    private TimingLeakHarness() {
    }

    public static void main(String[] args) throws Exception {
        int samples = 1_000_000;
        int warmup = 200_000;
        Path json = null;
        String only = null;
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--samples":
                    samples = Integer.parseInt(args[++a]);
                    break;
                case "--warmup":
                    warmup = Integer.parseInt(args[++a]);
                    break;
                case "--json":
                    json = Path.of(args[++a]);
                    break;
                case "--only":
                    only = args[++a];
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + args[a]
                            + " (use --samples N --warmup N --json FILE --only TEXT)");
            }
        }
        List<Test> tests = select(tests(), only);
        System.out.printf(Locale.ROOT, "dudect-style timing test: %,d measurements per test after %,d warm-up calls;"
                + " |t| < %.1f pass, >= %.0f leak%n%n", samples, warmup, PASS, LEAK);
        System.out.printf(Locale.ROOT, "%-56s %7s %8s %8s %6s %6s  %-34s %s%n", "test (class A vs class B)", "max |t|",
                "A mean", "B mean", "A med", "B med", "t: raw, <p99, <p95, <p90, <p75, <p50", "verdict");
        List<Result> results = new ArrayList<>();
        for (Test t : tests) {
            Result r = run(t, samples, warmup);
            results.add(r);
            StringBuilder crops = new StringBuilder();
            for (double v : r.tByCrop) {
                crops.append(String.format(Locale.ROOT, "%6.1f", v));
            }
            System.out.printf(Locale.ROOT, "%-56s %7.1f %8.1f %8.1f %6.1f %6.1f  %-34s %s%s%n", t.name, r.maxT, r.meanA,
                    r.meanB, r.medianA, r.medianB, crops, r.verdict(), t.control ? (r.ok() ? " (control: flagged, as it must be)"
                            : " (CONTROL NOT FLAGGED: the harness lacks power)") : "");
        }
        if (json != null) {
            Files.writeString(json, toJson(results, samples, warmup), StandardCharsets.UTF_8);
        }
        boolean powered = results.stream().allMatch(Result::ok);
        System.out.println(powered ? "\nAll positive controls were flagged."
                : "\nA positive control was NOT flagged: no conclusion can be drawn from the passes above.");
        System.exit(powered ? 0 : 2);
    }

    /** The tests whose name contains {@code only} (ignoring case), and every control; all if null. */
    static List<Test> select(List<Test> tests, String only) {
        if (only == null) {
            return tests;
        }
        String needle = only.toLowerCase(Locale.ROOT);
        List<Test> out = new ArrayList<>();
        for (Test t : tests) {
            if (t.control || t.name.toLowerCase(Locale.ROOT).contains(needle)) {
                out.add(t);
            }
        }
        if (out.stream().allMatch(Test::control)) {
            throw new IllegalArgumentException("no test name contains '" + only + "'");
        }
        return out;
    }

    static Result run(Test t, int samples, int warmup) {
        SplittableRandom r = new SplittableRandom(t.name.hashCode());
        measure(t, r, new byte[warmup / t.batch + 1], new long[warmup / t.batch + 1]);
        byte[] cls = new byte[samples];
        long[] times = new long[samples];
        measure(t, r, cls, times);
        double[] ts = new double[CROPS.length];
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        double max = 0;
        for (int c = 0; c < CROPS.length; c++) {
            long limit = CROPS[c] >= 1.0 ? Long.MAX_VALUE : sorted[(int) (CROPS[c] * (samples - 1))];
            ts[c] = welch(cls, times, limit);
            max = Math.max(max, Math.abs(ts[c]));
        }
        return new Result(t, max, ts, mean(cls, times, 0) / t.batch, mean(cls, times, 1) / t.batch,
                median(cls, times, 0) / (double) t.batch, median(cls, times, 1) / (double) t.batch, samples);
    }

    /**
     * A chunk at a time: draws the classes, builds every measurement's inputs in the order they will
     * be used (fresh objects, so both classes' inputs are interleaved in memory), then times the
     * calls. The timed region is the same code for both classes (no branch on the class inside it).
     */
    private static void measure(Test t, SplittableRandom r, byte[] cls, long[] times) {
        int n = cls.length;
        int batch = t.batch;
        Target target = t.target;
        Object[] in = new Object[CHUNK * batch];
        int acc = 0;
        for (int start = 0; start < n; start += CHUNK) {
            int end = Math.min(n, start + CHUNK);
            for (int i = start; i < end; i++) {
                cls[i] = (byte) r.nextInt(2);
                for (int b = 0; b < batch; b++) {
                    in[(i - start) * batch + b] = t.inputs.input(cls[i], r.nextInt(POOL));
                }
            }
            for (int i = start; i < end; i++) {
                int base = (i - start) * batch;
                long t0 = System.nanoTime();
                for (int b = 0; b < batch; b++) {
                    acc += target.run(in[base + b]);
                }
                long t1 = System.nanoTime();
                times[i] = t1 - t0;
            }
        }
        sink = acc;
    }

    /** Welch's t of class 0 against class 1 over the times below {@code limit}. */
    static double welch(byte[] cls, long[] times, long limit) {
        double[] m = new double[2];
        double[] m2 = new double[2];
        long[] n = new long[2];
        for (int i = 0; i < times.length; i++) {
            if (times[i] >= limit && limit != Long.MAX_VALUE) {
                continue;
            }
            int c = cls[i];
            n[c]++;
            double d = times[i] - m[c];
            m[c] += d / n[c];
            m2[c] += d * (times[i] - m[c]);
        }
        if (n[0] < 2 || n[1] < 2) {
            return 0;
        }
        double v0 = m2[0] / (n[0] - 1);
        double v1 = m2[1] / (n[1] - 1);
        double se = Math.sqrt(v0 / n[0] + v1 / n[1]);
        return se == 0 ? (m[0] == m[1] ? 0 : Double.POSITIVE_INFINITY) : (m[0] - m[1]) / se;
    }

    private static long median(byte[] cls, long[] times, int which) {
        long[] mine = new long[times.length];
        int n = 0;
        for (int i = 0; i < times.length; i++) {
            if (cls[i] == which) {
                mine[n++] = times[i];
            }
        }
        if (n == 0) {
            return 0;
        }
        Arrays.sort(mine, 0, n);
        return mine[n / 2];
    }

    private static double mean(byte[] cls, long[] times, int which) {
        double s = 0;
        long n = 0;
        for (int i = 0; i < times.length; i++) {
            if (cls[i] == which) {
                s += times[i];
                n++;
            }
        }
        return n == 0 ? 0 : s / n;
    }

    // ---------------------------------------------------------------- the tests

    static List<Test> tests() {
        SplittableRandom r = new SplittableRandom(2024);
        KeyRing ring = InMemoryKeyRing.create();
        int epoch = ring.createEpoch("leak");
        CodeDigester digester = ring.digester("leak", epoch, DigestEngine.JDK);
        int n = 1000;
        CredentialTable indexed = Pins.table(digester, CredentialTable.Variant.INDEXED, n);
        CredentialTable strict = Pins.table(digester, CredentialTable.Variant.STRICT, n);
        CredentialTable one = Pins.table(digester, CredentialTable.Variant.INDEXED, 1);
        CredentialTable big = Pins.table(digester, CredentialTable.Variant.INDEXED, 100_000);

        byte[][] matchPins = new byte[POOL][];
        byte[][] missPins = new byte[POOL][];
        CodeDigest[] match = new CodeDigest[POOL];
        CodeDigest[] miss = new CodeDigest[POOL];
        CodeDigest[] near = new CodeDigest[POOL];
        CodeDigest[] same = new CodeDigest[POOL];
        CodeDigest[] bigMiss = new CodeDigest[POOL];
        CodeDigest[] matchCopy = new CodeDigest[POOL];
        for (int i = 0; i < POOL; i++) {
            // The contents of each class's i-th input. The objects timed are fresh copies built in
            // measurement order (see measure), so where these sit in memory does not matter.
            matchPins[i] = Pins.code(r.nextInt(n));
            missPins[i] = Pins.code(200_000 + r.nextInt(1_000_000));
            match[i] = Pins.digest(digester, matchPins[i]);
            matchCopy[i] = CodeDigest.fromBytes(match[i].toBytes());
            miss[i] = Pins.digest(digester, missPins[i]);
            byte[] b = match[i].toBytes();
            b[31] ^= 1;
            near[i] = CodeDigest.fromBytes(b);
            same[i] = CodeDigest.fromBytes(match[i].toBytes());
            bigMiss[i] = Pins.digest(digester, Pins.code(300_000 + r.nextInt(1_000_000)));
        }
        // Misses drawn from 1,000 values, as the matches are (own random source: the other rows'
        // inputs stay as they were). The random misses above are all distinct while the matches
        // repeat about four times in the pool; this row tells the two apart.
        SplittableRandom few = new SplittableRandom(2025);
        CodeDigest[] missFew = new CodeDigest[POOL];
        for (int i = 0; i < POOL; i++) {
            missFew[i] = Pins.digest(digester, Pins.code(200_000 + few.nextInt(n)));
        }
        // Another 1,000 missing values: two classes that are both misses, at different addresses.
        CodeDigest[] missOther = new CodeDigest[POOL];
        for (int i = 0; i < POOL; i++) {
            missOther[i] = Pins.digest(digester, Pins.code(400_000 + few.nextInt(n)));
        }
        CodeDigest[] firstSlots = new CodeDigest[POOL];
        CodeDigest[] lastSlots = new CodeDigest[POOL];
        for (int i = 0; i < POOL; i++) {
            firstSlots[i] = Pins.digest(digester, Pins.code(r.nextInt(n / 10)));
            lastSlots[i] = Pins.digest(digester, Pins.code(n - 1 - r.nextInt(n / 10)));
        }

        byte[][] a32 = randomArrays(r, POOL, 32);
        byte[][] first32 = flipped(a32, 0);
        byte[][] last32 = flipped(a32, 31);
        byte[][] a4k = randomArrays(r, 64, 4096);
        byte[][] first4k = flipped(a4k, 0);
        byte[][] last4k = flipped(a4k, 4095);

        List<Test> t = new ArrayList<>();
        // A/A calibration: classes that cannot differ. Flags here measure the harness and the
        // machine (noise, layout), not the code under test.
        t.add(new Test("A/A: INDEXED N=1000, one pool for both classes", "match", "match", false, 16,
                (c, i) -> fresh(match[i]), x -> indexed.find((CodeDigest) x)));
        t.add(new Test("A/A: INDEXED N=1000, equal digests, separate objects", "match", "copies", false, 16,
                (c, i) -> fresh(c == 0 ? match[i] : matchCopy[i]), x -> indexed.find((CodeDigest) x)));
        t.add(new Test("verify from PIN, INDEXED N=1000: match vs random miss", "match", "miss", false, 4,
                (c, i) -> (c == 0 ? matchPins[i] : missPins[i]).clone(), x -> verify(indexed, digester, (byte[]) x)));
        t.add(new Test("INDEXED N=1000: match vs random miss (digest in)", "match", "miss", false, 16,
                (c, i) -> fresh(c == 0 ? match[i] : miss[i]), x -> indexed.find((CodeDigest) x)));
        t.add(new Test("INDEXED N=1000: match vs miss, both from 1,000 values", "match", "miss", false, 16,
                (c, i) -> fresh(c == 0 ? match[i] : missFew[i]), x -> indexed.find((CodeDigest) x)));
        t.add(new Test("INDEXED N=1000: miss vs miss, two sets of 1,000 values", "misses", "other misses", false, 16,
                (c, i) -> fresh(c == 0 ? missFew[i] : missOther[i]), x -> indexed.find((CodeDigest) x)));
        t.add(new Test("INDEXED N=1000: match vs near-miss (last byte flipped)", "match", "near-miss", false, 16,
                (c, i) -> fresh(c == 0 ? match[i] : near[i]), x -> indexed.find((CodeDigest) x)));
        t.add(new Test("INDEXED N=1000: random miss vs near-miss", "miss", "near-miss", false, 16,
                (c, i) -> fresh(c == 0 ? miss[i] : near[i]), x -> indexed.find((CodeDigest) x)));
        t.add(new Test("INDEXED N=1000: first vs last 100 slots", "slots 0-99", "slots 900-999", false, 16,
                (c, i) -> fresh(c == 0 ? firstSlots[i] : lastSlots[i]), x -> indexed.find((CodeDigest) x)));
        t.add(new Test("INDEXED: 1 code vs 100k codes (random miss)", "N=1", "N=100k", false, 16,
                (c, i) -> new Object[] {c == 0 ? one : big, fresh(bigMiss[i])},
                x -> ((CredentialTable) ((Object[]) x)[0]).find((CodeDigest) ((Object[]) x)[1])));
        t.add(new Test("STRICT N=1000: match vs near-miss", "match", "near-miss", false, 1,
                (c, i) -> fresh(c == 0 ? match[i] : near[i]), x -> strict.find((CodeDigest) x)));
        t.add(new Test("STRICT N=1000: first vs last 100 slots", "slots 0-99", "slots 900-999", false, 1,
                (c, i) -> fresh(c == 0 ? firstSlots[i] : lastSlots[i]), x -> strict.find((CodeDigest) x)));
        offlineTests(t);
        ChainHead[] h32 = heads(a32);
        ChainHead[] hFirst32 = heads(first32);
        ChainHead[] hLast32 = heads(last32);
        t.add(new Test("ConstantTime.equals 32 B (via ChainHead.equals): differ first vs last byte", "first", "last",
                false, 16, (c, i) -> new ChainHead[] {fresh(h32[i]), fresh(c == 0 ? hFirst32[i] : hLast32[i])},
                x -> ((ChainHead[]) x)[0].equals(((ChainHead[]) x)[1]) ? 1 : 0));
        t.add(new Test("CodeDigest.equals: match vs near-miss", "match", "near-miss", false, 16,
                (c, i) -> new CodeDigest[] {fresh(match[i]), fresh(c == 0 ? same[i] : near[i])},
                x -> ((CodeDigest[]) x)[0].equals(((CodeDigest[]) x)[1]) ? 1 : 0));
        t.add(new Test("info: Arrays.equals 32 B: differ first vs last byte", "first", "last", false, 16,
                (c, i) -> new byte[][] {a32[i].clone(), (c == 0 ? first32[i] : last32[i]).clone()},
                x -> Arrays.equals(((byte[][]) x)[0], ((byte[][]) x)[1]) ? 1 : 0));
        t.add(new Test("CONTROL early-exit compare 32 B: first vs last byte", "first", "last", true, 16,
                (c, i) -> new byte[][] {a32[i].clone(), (c == 0 ? first32[i] : last32[i]).clone()},
                x -> earlyExitEquals(((byte[][]) x)[0], ((byte[][]) x)[1]) ? 1 : 0));
        t.add(new Test("CONTROL Arrays.equals 4 KiB: first vs last byte", "first", "last", true, 4,
                (c, i) -> new byte[][] {a4k[i & 63].clone(), (c == 0 ? first4k[i & 63] : last4k[i & 63]).clone()},
                x -> Arrays.equals(((byte[][]) x)[0], ((byte[][]) x)[1]) ? 1 : 0));
        return t;
    }

    /**
     * The offline-code checker (issue #13) on a warm hour with the most covering codes: typed PIN in
     * ({@code PinCode.of} + {@code check}, as the keypad does), one call per measurement. Its own A/A
     * rows calibrate it on data placed as the compared rows' are: class A the same pool of valid
     * PINs, class B a second pool (equal copies for A/A, invalid PINs or other valid ones for the
     * tests); as everywhere, the arrays timed are fresh copies built in measurement order.
     */
    static void offlineTests(List<Test> t) {
        OfflinePins offline = OfflinePins.create("leak");
        OfflineCodeChecker checker = offline.checker();
        int covering = offline.coveringAt().size();
        byte[][] valid = offline.validBothHours(POOL);
        byte[][] validCopies = OfflinePins.copies(valid);
        byte[][] invalid = offline.invalid(POOL, 2024);
        byte[][] early = offline.validAtPositions(0, 100, POOL);
        byte[][] late = offline.validAtPositions(covering - 100, covering, POOL);
        for (byte[][] pool : new byte[][][] {valid, validCopies, early, late}) {
            for (byte[] pin : pool) {
                requireOpens(checker, pin, true);
            }
        }
        for (byte[] pin : invalid) {
            requireOpens(checker, pin, false);
        }
        t.add(new Test("A/A: offline check, one pool of valid PINs for both classes", "valid", "valid", false, 1,
                (c, i) -> valid[i].clone(), x -> offlineCheck(checker, (byte[]) x)));
        t.add(new Test("A/A: offline check, equal valid PINs, separate arrays", "valid", "copies", false, 1,
                (c, i) -> (c == 0 ? valid[i] : validCopies[i]).clone(), x -> offlineCheck(checker, (byte[]) x)));
        t.add(new Test("offline check, warm: valid PIN vs invalid PIN (same length)", "valid", "invalid", false, 1,
                (c, i) -> (c == 0 ? valid[i] : invalid[i]).clone(), x -> offlineCheck(checker, (byte[]) x)));
        t.add(new Test("offline check, warm: valid, first vs last 100 compared", "first 100", "last 100", false, 1,
                (c, i) -> (c == 0 ? early[i] : late[i]).clone(), x -> offlineCheck(checker, (byte[]) x)));
    }

    /** One keypad check of an offline PIN at the benchmark moment: 1 if it opens. */
    static int offlineCheck(OfflineCodeChecker checker, byte[] typed) {
        try (PinCode pin = PinCode.of(typed, OfflinePins.POLICY)) {
            return checker.check(pin, OfflinePins.AT).isPresent() ? 1 : 0;
        }
    }

    private static void requireOpens(OfflineCodeChecker checker, byte[] typed, boolean opens) {
        if ((offlineCheck(checker, typed) == 1) != opens) {
            throw new IllegalStateException("an offline input of the leak test does not check as its class says");
        }
    }

    static int verify(CredentialTable table, CodeDigester digester, byte[] typed) {
        try (PinCode pin = PinCode.of(typed, Pins.POLICY)) {
            return table.find(digester.digest(pin));
        }
    }

    /** A new digest equal to {@code d}, built now (see {@link Inputs}). */
    static CodeDigest fresh(CodeDigest d) {
        return CodeDigest.fromBytes(d.toBytes());
    }

    /** A new chain head equal to {@code h}, built now. */
    static ChainHead fresh(ChainHead h) {
        return ChainHead.fromHex(h.toHex());
    }

    /** A textbook early-exit compare: what a constant-time compare must not be. */
    static boolean earlyExitEquals(byte[] a, byte[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[][] randomArrays(SplittableRandom r, int count, int length) {
        byte[][] out = new byte[count][length];
        for (byte[] a : out) {
            for (int k = 0; k < length; k++) {
                a[k] = (byte) r.nextInt();
            }
        }
        return out;
    }

    private static ChainHead[] heads(byte[][] arrays) {
        ChainHead[] h = new ChainHead[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            h[i] = ChainHead.fromHex(java.util.HexFormat.of().formatHex(arrays[i]));
        }
        return h;
    }

    private static byte[][] flipped(byte[][] in, int at) {
        byte[][] out = new byte[in.length][];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i].clone();
            out[i][at] ^= 1;
        }
        return out;
    }

    private static String toJson(List<Result> results, int samples, int warmup) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "{\"samples\":%d,\"warmup\":%d,\"pass\":%.1f,\"leak\":%.1f,\"crops\":%s,"
                + "\"tests\":[", samples, warmup, PASS, LEAK, Arrays.toString(CROPS)));
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            StringBuilder ts = new StringBuilder("[");
            for (int c = 0; c < r.tByCrop.length; c++) {
                ts.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f",
                        Double.isFinite(r.tByCrop[c]) ? r.tByCrop[c] : 1e9));
            }
            ts.append(']');
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"name\":\"%s\",\"classA\":\"%s\",\"classB\":\"%s\",\"control\":%b,\"maxT\":%.2f,"
                            + "\"tByCrop\":%s,\"meanA\":%.2f,\"meanB\":%.2f,\"medianA\":%.1f,\"medianB\":%.1f,\"verdict\":\"%s\","
                            + "\"ok\":%b}",
                    r.test.name, r.test.classA, r.test.classB, r.test.control,
                    Double.isFinite(r.maxT) ? r.maxT : 1e9, ts, r.meanA, r.meanB, r.medianA, r.medianB, r.verdict(),
                    r.ok()));
        }
        sb.append("]}\n");
        return sb.toString();
    }
}
