package dev.access.bench;

import dev.access.bench.support.LockFixture;
import dev.access.bench.support.OfflinePins;
import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
import dev.access.core.LockStore;
import dev.access.core.SimulatedClock;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.domain.UserType;
import dev.access.crypto.CredentialTable;
import dev.access.crypto.DigestEngine;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.OfflineCodeChecker;
import dev.access.crypto.OfflineCodeMatch;
import dev.access.crypto.OfflineCodes;
import dev.access.crypto.OfflineIssuingKey;
import dev.access.crypto.OfflineValidity;
import dev.access.crypto.PinCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * <b>Question:</b> what does checking one typed offline PIN cost at the lock (issue #13: median
 * under 5 ms on this machine), warm and cold, and through the whole entry path, next to one bare
 * HMAC-SHA-256 and one user-code verify measured in the same run?
 *
 * <p>In the same run (sample-time mode, so every figure has a median and percentiles):
 * <ul>
 *   <li>{@code hmacFloor}: {@link VerifyBenchmark}'s bare HMAC floor, its own state ({@code engine}
 *       JDK and Bouncy Castle): the unit the offline figures are divided by (JDK);</li>
 *   <li>{@code verifyUserCode}: {@link VerifyBenchmark}'s {@code verify} exactly as at N = 1000,
 *       hit 0.5, JDK engine, INDEXED (same state code, same queries): a user code's check;</li>
 *   <li>{@code checkWarm}: {@code PinCode.of} + {@link OfflineCodeChecker#check} at a moment whose
 *       hour the checker has already computed (the keypad's normal case): one pass over the
 *       {@value OfflineCodes#MAX_COVERING} cached PINs of an hour with the most covering codes;</li>
 *   <li>{@code checkCold}: the same call, alternating between two consecutive hours that both have
 *       the most covering codes, so every call misses the one-hour cache and computes all
 *       {@value OfflineCodes#MAX_COVERING} HMACs (the first check in a new hour; the worst one),
 *       after a longer warm-up (10 × 1 s), so it is the JIT-compiled cold path: a lock that has run
 *       for a while; a lock runs this path once an hour, so its first checks after a start are
 *       slower;</li>
 *   <li>{@code enterOffline}, {@code enterUserCode}: {@code AccessControl.enter} end to end, in
 *       memory, library defaults (as {@link EntryAttemptBenchmark} at MEMORY, LIBRARY_DEFAULT,
 *       history 0: a lock commissioned anew each iteration), typing a valid offline PIN or the
 *       user code; every attempt is granted (checked in the setup);</li>
 *   <li>{@code identifyYear}: {@link OfflineCodeChecker#identify} over one year (the
 *       administrator's search behind revoking or diagnosing a typed PIN), single shot;</li>
 *   <li>{@code timerFloor}: a near-empty method: what sample-time mode itself adds to every sample
 *       (two {@code System.nanoTime()} calls, 10 ns steps here). It matters for the sub-µs rows.</li>
 * </ul>
 * {@code input}: VALID (1024 PINs issued with the lock's key that open at both hours, of validities
 * spread over the checker's order) or INVALID (1024 random PINs of the same length that open at
 * neither), cycled through in a fixed random order.
 *
 * <p>Run (one line, prints medians and ratios): {@code access-bench/run-offline.sh}; by hand:
 * {@code java -jar access-bench/target/benchmarks.jar OfflineCodeBenchmark -prof gc -rf json -rff offline.json}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class OfflineCodeBenchmark {
    /** Which PINs are typed. */
    public enum Input {
        /** Issued with the lock's key, open at the moment checked. */
        VALID,
        /** Random PINs of the offline length that open at no moment checked. */
        INVALID
    }

    /** The lock's offline checker and the typed PINs. */
    @State(Scope.Benchmark)
    public static class Offline {
        @Param({"VALID", "INVALID"})
        Input input;
        OfflinePins pins;
        OfflineCodeChecker checker;
        byte[][] queries;

        @Setup(Level.Trial)
        public void setup() {
            pins = OfflinePins.create("bench");
            checker = pins.checker();
            queries = input == Input.VALID ? pins.validBothHours(VerifyBenchmark.RING)
                    : pins.invalid(VerifyBenchmark.RING, 42);
            shuffle(queries);
            for (Instant at : new Instant[] {OfflinePins.NEXT_HOUR, OfflinePins.AT}) {
                for (byte[] q : queries) {
                    if (pins.opens(q, at) != (input == Input.VALID)) {
                        throw new IllegalStateException("a " + input + " query does not check as " + input + " at " + at);
                    }
                }
            }
            int most = OfflinePins.covering(OfflinePins.AT).size();
            if (most != OfflineCodes.MAX_COVERING || OfflinePins.covering(OfflinePins.NEXT_HOUR).size() != most) {
                throw new IllegalStateException("the benchmark hours are not the ones with the most covering codes");
            }
        }

        Optional<OfflineCodeMatch> check(byte[] typed, Instant at) {
            try (PinCode pin = PinCode.of(typed, OfflinePins.POLICY)) {
                return checker.check(pin, at);
            }
        }
    }

    /** The user codes: {@link VerifyBenchmark}'s INDEXED table at N = 1000, hit 0.5, JDK engine. */
    @State(Scope.Benchmark)
    public static class UserCodes extends VerifyBenchmark.TableState {
        @Setup(Level.Trial)
        public void setup() {
            build(DigestEngine.JDK, CredentialTable.Variant.INDEXED, 1000, 0.5);
        }
    }

    /** A year of the administrator's search, from {@link OfflinePins#AT}, for a valid PIN. */
    @State(Scope.Benchmark)
    public static class Year {
        OfflineCodeChecker checker;
        byte[] pin;

        @Setup(Level.Trial)
        public void setup() {
            OfflinePins pins = OfflinePins.create("bench");
            checker = pins.checker();
            pin = pins.validBothHours(1)[0];
        }
    }

    /** An in-memory AccessControl with library defaults, a fresh lock each iteration, an offline PIN for it. */
    @State(Scope.Benchmark)
    public static class Door {
        SimulatedClock clock;
        LockStore store;
        AccessControl access;
        LockId lock;
        char[] offlinePin;
        int iteration;

        @Setup(Level.Trial)
        public void setup() {
            // One millisecond per clock read: the checker's hour changes every 3.6 million reads,
            // far more than a trial makes, so each measured check is warm, as at a keypad.
            clock = SimulatedClock.ticking(LockFixture.BENCH_START, Duration.ofMillis(1));
            store = LockStore.inMemory();
            access = AccessControl.builder().store(store).keyRing(InMemoryKeyRing.create()).clock(clock)
                    .cacheSize(EntryAttemptBenchmark.Config.LIBRARY_DEFAULT.cacheSize)
                    .snapshotEvery(EntryAttemptBenchmark.Config.LIBRARY_DEFAULT.snapshotEvery).accessLog(false).build();
        }

        /**
         * A lock commissioned anew (so it stays fresh), its issuing key exported and a code issued for
         * the longest plain window covering now; one offline and one user-code entry, outside the
         * measured time, prove both are granted and leave the hour's PINs computed.
         */
        @Setup(Level.Iteration)
        public void freshLock() {
            lock = LockId.of("fresh-" + iteration++);
            LockFixture.commission(access, lock);
            OfflineIssuingKey key = access.exportOfflineIssuingKey(lock);
            Instant now = clock.instant();
            OfflineValidity[] longest = new OfflineValidity[1];
            OfflineCodes.forEachCovering(now, key.zone(), v -> {
                if (v.kind() == OfflineValidity.Kind.PLAIN && !v.oneTime() && (longest[0] == null || v.end() > longest[0].end())) {
                    longest[0] = v;
                }
            });
            try (IssuedOfflineCode code = key.issue(longest[0])) {
                offlinePin = code.pin();
            }
            EntryResult offline = typeOfflinePin(this);
            EntryResult user = LockFixture.enter(access, lock);
            if (!offline.granted() || offline.userType() != UserType.OFFLINE || !user.granted()) {
                throw new IllegalStateException("the benchmark entries are not granted: " + offline + ", " + user);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            Arrays.fill(offlinePin, '\0');
            access.close();
            store.close();
        }
    }

    static EntryResult typeOfflinePin(Door d) {
        return d.access.enter(d.lock, d.offlinePin.clone(), EntrySource.KEYPAD);
    }

    /** One bare HMAC-SHA-256 ({@link VerifyBenchmark}'s floor state): the unit of the ratios. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public byte[] hmacFloor(VerifyBenchmark.Floor f, VerifyBenchmark.Cursor c) {
        return f.mac(f.queries[c.next()]);
    }

    /** A user code's check ({@link VerifyBenchmark#verify} at N = 1000, hit 0.5, JDK). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int verifyUserCode(UserCodes s, VerifyBenchmark.Cursor c) {
        return s.verify(s.queries[c.next()]);
    }

    /** What sample-time mode adds to each sample: a near-empty method. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int timerFloor(VerifyBenchmark.Cursor c) {
        return c.next();
    }

    /** An offline PIN checked in an hour already computed: the keypad's normal case. */
    @Benchmark
    public Optional<OfflineCodeMatch> checkWarm(Offline s, VerifyBenchmark.Cursor c) {
        return s.check(s.queries[c.next()], OfflinePins.AT);
    }

    /**
     * An offline PIN checked in a new hour every call: all the hour's HMACs computed. A longer
     * warm-up: each call runs for milliseconds, and on the busy machine it ran ten times slower for
     * its first 6 to 7 seconds, until the JIT had settled.
     */
    @Benchmark
    @Warmup(iterations = 10, time = 1)
    public Optional<OfflineCodeMatch> checkCold(Offline s, VerifyBenchmark.Cursor c) {
        int q = c.next();
        return s.check(s.queries[q], (q & 1) == 0 ? OfflinePins.AT : OfflinePins.NEXT_HOUR);
    }

    /** {@code AccessControl.enter} of a valid offline PIN, in memory. */
    @Benchmark
    public EntryResult enterOffline(Door d) {
        return typeOfflinePin(d);
    }

    /** {@code AccessControl.enter} of the user code on the same kind of lock. */
    @Benchmark
    public EntryResult enterUserCode(Door d) {
        return LockFixture.enter(d.access, d.lock);
    }

    /** {@link OfflineCodeChecker#identify} of a valid PIN over one year: every validity of the year. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public List<OfflineCodeMatch> identifyYear(Year y) {
        try (PinCode pin = PinCode.of(y.pin, OfflinePins.POLICY)) {
            return y.checker.identify(pin, OfflinePins.AT, OfflinePins.AT.plus(Duration.ofDays(365)));
        }
    }

    private static void shuffle(byte[][] a) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            byte[] t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
