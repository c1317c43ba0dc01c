package dev.access.bench;

import dev.access.bench.support.LockFixture;
import dev.access.bench.support.StoreKind;
import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
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
 * JIT-compiled code: the warm-up shots absorb class loading. The OS page cache keeps the SQLite
 * file warm: this is a process restart, not a cold disk.
 *
 * <p>Run: {@code java -jar access-bench/target/benchmarks.jar ColdStartBenchmark -rf json -rff cold.json}
 * (add {@code -p events=1000,100000,1000000} for the full sweep).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
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

    /** Open, start, first entry, answer. */
    @Benchmark
    public EntryResult firstEntry(Stored s) {
        s.fixture.reopenStore();
        s.access = s.fixture.open(10_000, 150);
        return LockFixture.enter(s.access, s.fixture.locks().get(0));
    }
}
