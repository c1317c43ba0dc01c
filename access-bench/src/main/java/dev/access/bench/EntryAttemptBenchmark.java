package dev.access.bench;

import dev.access.bench.support.LockFixture;
import dev.access.bench.support.RawEngine;
import dev.access.bench.support.StoreKind;
import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.UserType;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * <b>Question:</b> what does one entry attempt cost end to end — {@code AccessControl.enter}:
 * PIN → digest → command → load the lock → decide → append and commit the events → answer — per
 * store, with and without the aggregate cache and snapshots, on a fresh lock and on a lock with a
 * long history; and how does that compare with Axon's default configuration?
 *
 * <p>{@code config}: {@code LIBRARY_DEFAULT} (cache of 10k locks, snapshot every 150 events),
 * {@code NO_CACHE} (snapshots only), {@code NO_SNAPSHOTS} (cache only) and {@code AXON_DEFAULT},
 * the peer: {@code .cacheSize(0).snapshotEvery(0)}, i.e. what Axon does out of the box — no cache,
 * no snapshots, every command replays the lock's whole stream. (Axon's other default, XStream
 * serialization, is excluded from this build; every configuration here uses the library's Jackson
 * serializer.) A store built without snapshots holds none, so Axon cannot read one behind our back.
 *
 * <p>{@code store}: in-memory; SQLite in a temporary directory (WAL, synchronous=FULL: every
 * command fsyncs before it answers, so on SQLite this measures the disk's fsync as much as the
 * library); PostgreSQL on an embedded server (needs {@code target/pg-lib} on the class path, never in
 * the jar). {@code history}: 0 (a fresh lock, commissioned anew each iteration) or N granted
 * attempts (plus their signed checkpoints, +1 %) built once per suite, before the trial (see
 * {@link LockFixture}). Every measured attempt types the right code and is granted; the access-log
 * read model is off (it is a background processor, not on the command path).
 *
 * <p>{@code storeAppendFloor}: the store engine's own single-event append and commit, outside
 * Axon's command handling: the floor of any event-sourced write on that store.
 *
 * <p>Run: {@code java -cp access-bench/target/benchmarks.jar:'access-bench/target/pg-lib/*'
 * org.openjdk.jmh.Main EntryAttemptBenchmark -p store=MEMORY,SQLITE,POSTGRES -rf json -rff entry.json}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EntryAttemptBenchmark {
    /** AccessControl settings compared. */
    public enum Config {
        /** Cache of 10k locks, snapshot every 150 events: the library's defaults. */
        LIBRARY_DEFAULT(10_000, 150),
        /** Snapshots, no cache. */
        NO_CACHE(0, 150),
        /** Cache, no snapshots. */
        NO_SNAPSHOTS(10_000, 0),
        /** Axon's defaults: no cache, no snapshots. The peer. */
        AXON_DEFAULT(0, 0);

        final int cacheSize;
        final int snapshotEvery;

        Config(int cacheSize, int snapshotEvery) {
            this.cacheSize = cacheSize;
            this.snapshotEvery = snapshotEvery;
        }
    }

    /** The store, the AccessControl under test and one lock per thread. */
    @State(Scope.Benchmark)
    public static class Locks {
        @Param({"MEMORY", "SQLITE"})
        StoreKind store;
        @Param({"LIBRARY_DEFAULT", "NO_CACHE", "NO_SNAPSHOTS", "AXON_DEFAULT"})
        Config config;
        @Param({"0", "100000"})
        int history;

        LockFixture fixture;
        AccessControl access;
        volatile LockId[] current;
        int threads;
        int iteration;
        final AtomicInteger seats = new AtomicInteger();

        @Setup(Level.Trial)
        public void setup(BenchmarkParams params) {
            threads = params.getThreads();
            fixture = LockFixture.prepare(store, history, config.snapshotEvery > 0, threads);
            access = fixture.open(config.cacheSize, config.snapshotEvery);
            current = fixture.locks().toArray(new LockId[0]);
        }

        /** A fresh lock (no history) gets commissioned anew each iteration, so it stays fresh. */
        @Setup(Level.Iteration)
        public void freshLocks() {
            if (history == 0) {
                LockId[] ids = new LockId[threads];
                for (int t = 0; t < threads; t++) {
                    ids[t] = LockId.of("fresh-" + iteration + "-" + t);
                    LockFixture.commission(access, ids[t]);
                }
                current = ids;
            }
            iteration++;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            fixture.close();
        }
    }

    /** Which lock this thread uses. */
    @State(Scope.Thread)
    public static class Seat {
        int index;

        @Setup(Level.Trial)
        public void take(Locks locks) {
            index = locks.seats.getAndIncrement() % locks.threads;
        }
    }

    /** One entry attempt through the library. */
    @Benchmark
    public EntryResult enter(Locks l, Seat s) {
        return LockFixture.enter(l.access, l.current[s.index]);
    }

    /** Two threads, each on its own lock. */
    @Benchmark
    @Threads(2)
    public EntryResult enterTwoThreads(Locks l, Seat s) {
        return LockFixture.enter(l.access, l.current[s.index]);
    }

    /**
     * Four threads, each on its own lock: on SQLite their commits share group transactions (one
     * fsync for all commits waiting at that moment), so throughput should grow with threads.
     */
    @Benchmark
    @Threads(4)
    public EntryResult enterFourThreads(Locks l, Seat s) {
        return LockFixture.enter(l.access, l.current[s.index]);
    }

    /** Eight threads, each on its own lock (for PostgreSQL, whose server commits concurrently). */
    @Benchmark
    @Threads(8)
    public EntryResult enterEightThreads(Locks l, Seat s) {
        return LockFixture.enter(l.access, l.current[s.index]);
    }

    /** A store and its raw engine. */
    @State(Scope.Benchmark)
    public static class RawStore {
        @Param({"MEMORY", "SQLITE"})
        StoreKind store;
        LockFixture fixture;
        EventStorageEngine engine;
        final AtomicLong sequence = new AtomicLong();
        LockEvent payload;

        @Setup(Level.Trial)
        public void setup() {
            fixture = LockFixture.prepare(store, 0, false, 1);
            engine = RawEngine.of(fixture.store());
            payload = new LockEvent.EntryGranted(LockId.of("floor"), Instant.parse("2032-01-01T00:00:00Z"),
                    EntrySource.KEYPAD, 1, UserType.UNRESTRICTED, 1);
        }

        /**
         * In memory every appended event stays on the heap: at a few microseconds an append, a run's
         * iterations would hold tens of millions of events and fill the fixed 2 GiB heap (the first
         * run at those settings measured the collector: 771 ± 968 us). So the in-memory floor starts
         * each iteration on a fresh store; the durable stores keep theirs (their events are on disk).
         */
        @Setup(Level.Iteration)
        public void freshMemoryStore() {
            if (store == StoreKind.MEMORY) {
                fixture.close();
                fixture = LockFixture.prepare(store, 0, false, 1);
                engine = RawEngine.of(fixture.store());
                sequence.set(0);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            fixture.close();
        }
    }

    /** The store's single-event append (own transaction, so on SQLite one fsync): the floor. */
    @Benchmark
    public void storeAppendFloor(RawStore r) {
        r.engine.appendEvents(new GenericDomainEventMessage<>("LockAggregate", "floor",
                r.sequence.getAndIncrement(), r.payload));
    }
}
