package dev.access.bench;

import dev.access.bench.support.LockFixture;
import dev.access.bench.support.StoreKind;
import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
import dev.access.core.LockStore;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.KeyRing;
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
 * <b>Question:</b> after a restart (a power cycle), how long from opening the store to the first
 * answered entry attempt, for a lock with 1k or 100k events (1M in the full suite), with snapshots
 * on (the library default, every 150 events)?
 *
 * <p>One shot = open the store (SQLite: a real reopen of the file, pool and schema check; in-memory:
 * the store object survives, as it would within one process), start an {@code AccessControl} (Axon
 * configuration), enter the code (load the lock from its latest snapshot plus the events after it,
 * decide, commit), answer. Each shot is a new AccessControl in the same JVM, so later shots run
 * JIT-compiled code: the 100 warm-up shots absorb class loading and compilation (with 5, as this
 * class had until 2026-12-07, half the code still ran interpreted and a shot measured 25 ms against
 * 11 ms compiled: the JVM's warm-up, not the library's work). The OS page cache keeps the SQLite
 * file warm: this is a restart of the library in a running process, not a cold disk.
 *
 * <p>A power cycle also restarts the JVM: {@link #firstEntryInFreshJvm} is the same shot as the
 * first thing a new JVM does after the fixture is built (no warm-up, one shot per fork, class loading
 * and interpretation included; JVM boot itself excluded). Run it with its own annotations (no
 * {@code -wi}/{@code -i}/{@code -f} on the command line, which would override them).
 *
 * <p>The parts, each its own benchmark so that a restart's cost can be cut where it is largest:
 * {@link #openStore} (the store alone), {@link #openAndStart} (store and {@code AccessControl}, no
 * entry yet) and {@link #openKeyRing} (the key ring file, which {@link #firstEntry} does not reopen:
 * the fixture holds it open); the entry's own share (load from the snapshot, decide, commit) is
 * {@code firstEntry - openAndStart}.
 *
 * <p>Run: {@code java -jar access-bench/target/benchmarks.jar ColdStartBenchmark -rf json -rff cold.json}
 * (add {@code -p events=1000,100000,1000000} for the full sweep).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 100)
@Measurement(iterations = 50)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ColdStartBenchmark {
    /** A store holding one lock's history. */
    @State(Scope.Benchmark)
    public static class Stored {
        @Param({"MEMORY", "SQLITE"})
        StoreKind store;
        @Param({"1000", "100000"})
        int events;
        LockFixture fixture;
        AccessControl access;

        @Setup(Level.Trial)
        public void setup() {
            fixture = LockFixture.prepare(store, events, true, 1);
            fixture.closeStore();
        }

        @TearDown(Level.Iteration)
        public void restart() {
            if (access != null) {
                access.close();
                access = null;
            }
            fixture.closeStore();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            fixture.close();
        }
    }

    /** The store alone (SQLite: file checks, connection pool, schema check, store id). */
    @Benchmark
    public LockStore openStore(Stored s) {
        return s.fixture.reopenStore();
    }

    /** The store and a started {@code AccessControl}, before any entry. */
    @Benchmark
    public AccessControl openAndStart(Stored s) {
        s.fixture.reopenStore();
        s.access = s.fixture.open(10_000, 150);
        return s.access;
    }

    /** The key ring file, read and parsed (a power cycle reopens it; {@link #firstEntry} does not). */
    @Benchmark
    public KeyRing openKeyRing(Stored s) {
        return FileKeyRing.open(s.fixture.keyRingFile());
    }

    /** Open, start, first entry, answer. */
    @Benchmark
    public EntryResult firstEntry(Stored s) {
        s.fixture.reopenStore();
        s.access = s.fixture.open(10_000, 150);
        return LockFixture.enter(s.access, s.fixture.locks().get(0));
    }

    /** {@link #firstEntry} as the first shot of a new JVM: no warm-up, one shot per fork, ten forks. */
    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(value = 10, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
    public EntryResult firstEntryInFreshJvm(Stored s) {
        return firstEntry(s);
    }
}
