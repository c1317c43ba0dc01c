package dev.access.bench;

import dev.access.bench.support.EventCounter;
import dev.access.bench.support.LockFixture;
import dev.access.bench.support.StoreKind;
import dev.access.core.AccessControl;
import dev.access.core.audit.LockHistory;
import dev.access.core.audit.TrailExport;
import dev.access.core.audit.TrailReader;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <b>Question:</b> how fast can an auditor work through a trail? Events per second for
 * {@code export} (the store's stream to JSON Lines, {@code TrailExport.write}; in-memory and
 * SQLite), {@code verify} (the export checked with the public key alone: hash chain over every
 * line and the Ed25519 signature of every checkpoint, {@code TrailVerifier.verify}) and
 * {@code replay} (the lock's state folded from its events, {@code LockDecider.fold}),
 * {@code replayExport} (what an auditor replays: the export read into the lock's history,
 * {@code TrailReader.history}, every line parsed once, then folded) and {@code verifyLocks} (an
 * export of several locks' trails, {@code locks} of them with {@code events / locks} events each,
 * one after the other, verified as one export: the locks are checked side by side).
 *
 * <p>The primary score is whole trails per second; the secondary metric {@code events} is
 * events (lines) per second, the number to read. Trails: 1k or 100k granted attempts (+1 %
 * checkpoints), signed to the end.
 *
 * <p>Run: {@code java -jar access-bench/target/benchmarks.jar AuditBenchmark -rf json -rff audit.json}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AuditBenchmark {
    /** A lock's trail in a store, for export. */
    @State(Scope.Benchmark)
    public static class Source {
        @Param({"MEMORY", "SQLITE"})
        StoreKind store;
        @Param({"1000", "100000"})
        int events;
        LockFixture fixture;
        AccessControl access;
        LockId lock;

        @Setup(Level.Trial)
        public void setup() {
            fixture = LockFixture.prepare(store, events, true, 1);
            access = fixture.open(10_000, 150);
            lock = fixture.locks().get(0);
            access.checkpoint(lock);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            fixture.close();
        }
    }

    /** An exported trail, its events and its public key, for verify and replay. */
    @State(Scope.Benchmark)
    public static class Exported {
        @Param({"1000", "100000"})
        int events;
        String text;
        long lines;
        List<LockEvent> lockEvents;
        TrailPublicKey key;
        String lockId;

        @Setup(Level.Trial)
        public void setup() {
            try (LockFixture fixture = LockFixture.prepare(StoreKind.MEMORY, events, true, 1)) {
                AccessControl access = fixture.open(10_000, 150);
                LockId lock = fixture.locks().get(0);
                access.checkpoint(lock);
                StringWriter out = new StringWriter();
                lines = TrailExport.write(access, lock, out);
                text = out.toString();
                lockEvents = access.events(lock);
                key = access.publicKey(lock);
                lockId = lock.value();
            }
            VerificationReport r = verifyOnce();
            if (!r.ok()) {
                throw new IllegalStateException("the benchmark trail does not verify: " + r.problems());
            }
        }

        VerificationReport verifyOnce() {
            return TrailVerifier.verify(new BufferedReader(new StringReader(text)), id -> key);
        }
    }

    /** An export of several locks' trails and their keys, for verification across locks. */
    @State(Scope.Benchmark)
    public static class ExportedLocks {
        @Param({"1000", "100000"})
        int events;
        @Param({"4"})
        int locks;
        String text;
        long lines;
        Map<String, TrailPublicKey> keys = new HashMap<>();

        @Setup(Level.Trial)
        public void setup() {
            try (LockFixture fixture = LockFixture.prepare(StoreKind.MEMORY, events / locks, true, locks)) {
                AccessControl access = fixture.open(10_000, 150);
                StringWriter out = new StringWriter();
                for (LockId lock : fixture.locks()) {
                    access.checkpoint(lock);
                    lines += TrailExport.write(access, lock, out);
                    keys.put(lock.value(), access.publicKey(lock));
                }
                text = out.toString();
            }
            VerificationReport r = verifyOnce();
            if (!r.ok() || r.locks().size() != locks) {
                throw new IllegalStateException("the benchmark trails do not verify: " + r.problems());
            }
        }

        VerificationReport verifyOnce() {
            return TrailVerifier.verify(new BufferedReader(new StringReader(text)), keys::get);
        }
    }

    /** A writer that discards (export cost without holding the text). */
    static final class NullWriter extends Writer {
        long chars;

        @Override
        public void write(char[] cbuf, int off, int len) {
            chars += len;
        }

        @Override
        public void write(int c) {
            chars++;
        }

        @Override
        public void write(String str, int off, int len) {
            chars += len;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Store → JSON Lines. */
    @Benchmark
    public long export(Source s, EventCounter c) {
        NullWriter out = new NullWriter();
        long n = TrailExport.write(s.access, s.lock, out);
        c.events += n;
        return out.chars;
    }

    /** Export → verified report (chain and signatures). */
    @Benchmark
    public VerificationReport verify(Exported e, EventCounter c) {
        VerificationReport r = e.verifyOnce();
        c.events += e.lines;
        return r;
    }

    /** Export of several locks → verified report. */
    @Benchmark
    public VerificationReport verifyLocks(ExportedLocks e, EventCounter c) {
        VerificationReport r = e.verifyOnce();
        c.events += e.lines;
        return r;
    }

    /** Export → the lock's history (each line parsed once) → state. */
    @Benchmark
    public LockState replayExport(Exported e, EventCounter c) {
        LockHistory h = TrailReader.history(new BufferedReader(new StringReader(e.text)), e.lockId);
        LockState s = LockDecider.fold(h.lockEvents());
        c.events += e.lines;
        return s;
    }

    /** Events → state. */
    @Benchmark
    public LockState replay(Exported e, EventCounter c) {
        LockState s = LockDecider.fold(e.lockEvents);
        c.events += e.lockEvents.size();
        return s;
    }
}
