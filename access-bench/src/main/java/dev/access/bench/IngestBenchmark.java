package dev.access.bench;

import dev.access.bench.support.EventCounter;
import dev.access.bench.support.FleetBackends;
import dev.access.bench.support.SegmentedTrail;
import dev.access.bench.support.StoreKind;
import dev.access.core.Fleet;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.fleet.IngestResult;
import java.io.BufferedReader;
import java.io.StringReader;
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
 * <b>Question:</b> how fast does a backend take in a lock's trail, and how much of that is the
 * verification? Events per second for {@code ingest} ({@code Fleet.ingest} of one segment: read the
 * lines, check the held head and the overlap, {@code TrailVerifier.verifyContinuation} with the
 * enrolled key, store every line in one transaction) on SQLite and on embedded PostgreSQL, beside
 * the verification alone of the same segments in the same run: {@code verifyContinuation} (what
 * ingest runs inside, segment by segment from the previous segment's head) and
 * {@code verifyWholeTrail} ({@code TrailVerifier.verify} of all the segments' lines as one export,
 * an auditor's check). Goal: ingest at least 0.5 × verification alone. Beside them the store's own
 * floor, {@code storeFloor}: the same segment's rows written to a bare table of the trail table's
 * columns and key, in one transaction with the same 64-row INSERTs and one commit, nothing parsed or
 * verified: what durability costs whatever the library does.
 *
 * <p>Fixture: one lock's trail of 10k granted entry attempts (10,105 lines with commissioning,
 * enrollment and a signed checkpoint every 100 events), cut after a checkpoint once a segment holds
 * 1,000 lines: 10 segments of about 1,010 lines, each ending signed, so an ingest stores all of
 * it. Primary score: segments (or whole trails) per second; the secondary metric {@code events}
 * is lines per second, the number to compare.
 *
 * <p>Why one segment per invocation with {@code @Setup(Level.Invocation)}: re-ingesting what the
 * backend holds is a cheap no-op, so every invocation must bring the next segment to a backend
 * that holds exactly the ones before it. The invocation-level setup does nothing except after
 * the tenth segment, when it replaces the backend with an empty one (a new SQLite directory or a
 * new PostgreSQL database, the lock enrolled again), outside the measured time. So each measured
 * call is a real ingest at a realistic position (0 to 9k events already held), and an iteration
 * averages over the whole sequence of ten. An ingest takes milliseconds, so the extra timestamps
 * that invocation-level fixtures cost are noise. Measuring a whole sequence of ten per call would
 * give the same events/s but ten times fewer samples and a per-call fixture just as well; the
 * cursor here keeps the benchmark's unit (one segment) the same as {@code verifyContinuation}'s.
 *
 * <p>Run: {@code java -cp access-bench/target/benchmarks.jar:'access-bench/target/pg-lib/*'
 * org.openjdk.jmh.Main IngestBenchmark -rf json -rff ingest.json}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class IngestBenchmark {
    /** The lock's trail, in segments. */
    @State(Scope.Benchmark)
    public static class Trail {
        @Param({"10000"})
        int attempts;
        @Param({"1000"})
        int segmentLines;
        SegmentedTrail trail;

        @Setup(Level.Trial)
        public void setup() {
            trail = SegmentedTrail.build(attempts, segmentLines);
            VerificationReport r = TrailVerifier.verify(new BufferedReader(new StringReader(trail.whole())),
                    id -> trail.publicKey());
            if (!r.ok() || !r.problems().isEmpty()) {
                throw new IllegalStateException("the benchmark trail does not verify cleanly: " + r.problems());
            }
        }
    }

    /** A backend and the next segment to bring it. */
    @State(Scope.Thread)
    public static class Backend {
        @Param({"SQLITE", "POSTGRES"})
        StoreKind store;
        FleetBackends backends;
        Fleet fleet;
        int next;

        @Setup(Level.Trial)
        public void start(Trail t) {
            backends = FleetBackends.on(store, t.trail.backendKeys());
            renew(t);
        }

        /** Outside the measured time: an empty backend once the last segment was ingested. */
        @Setup(Level.Invocation)
        public void beforeEachSegment(Trail t) {
            if (next == t.trail.segments().size()) {
                renew(t);
            }
        }

        private void renew(Trail t) {
            fleet = backends.fresh();
            fleet.enroll(t.trail.enrollment());
            next = 0;
        }

        @TearDown(Level.Trial)
        public void stop() {
            backends.close();
        }
    }

    /** A bare table with the library's settings, and the next segment's rows to store in it. */
    @State(Scope.Thread)
    public static class Floor {
        @Param({"SQLITE", "POSTGRES"})
        StoreKind store;
        FleetBackends backends;
        java.sql.Connection connection;
        /** Per segment, per line: type, chain, line (read outside the measured time). */
        java.util.List<java.util.List<String[]>> rows;
        int next;

        @Setup(Level.Trial)
        public void start(Trail t) {
            backends = FleetBackends.on(store, t.trail.backendKeys());
            rows = new java.util.ArrayList<>();
            for (SegmentedTrail.Segment s : t.trail.segments()) {
                java.util.List<String[]> segment = new java.util.ArrayList<>();
                for (String line : s.text().split("\n")) {
                    dev.access.core.trail.TrailRecord r = dev.access.core.audit.TrailReader.record(line);
                    segment.add(new String[] {String.valueOf(r.sequence()), r.type(), r.chain(), line});
                }
                rows.add(segment);
            }
            connection = backends.freshFloor();
        }

        /** Outside the measured time: an empty table once every segment was stored. */
        @Setup(Level.Invocation)
        public void beforeEachSegment() {
            if (next == rows.size()) {
                connection = backends.freshFloor();
                next = 0;
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            backends.close();
        }
    }

    /** Rows per INSERT, as the backend's ledger writes them. */
    private static final int ROWS_PER_INSERT = 64;

    /** The store's floor: one segment's rows, 64 to an INSERT, in one transaction and one commit. */
    @Benchmark
    public int storeFloor(Trail t, Floor f, EventCounter c) throws java.sql.SQLException {
        java.util.List<String[]> segment = f.rows.get(f.next++);
        String lock = t.trail.lock().value();
        int full = segment.size() / ROWS_PER_INSERT * ROWS_PER_INSERT;
        int stored = 0;
        if (full > 0) {
            try (java.sql.PreparedStatement ins = f.connection.prepareStatement(insertSql(ROWS_PER_INSERT))) {
                for (int i = 0; i < full; i += ROWS_PER_INSERT) {
                    bind(ins, lock, segment.subList(i, i + ROWS_PER_INSERT));
                    ins.addBatch();
                }
                for (int n : ins.executeBatch()) {
                    stored += n;
                }
            }
        }
        if (full < segment.size()) {
            try (java.sql.PreparedStatement ins = f.connection.prepareStatement(insertSql(segment.size() - full))) {
                bind(ins, lock, segment.subList(full, segment.size()));
                stored += ins.executeUpdate();
            }
        }
        f.connection.commit();
        c.events += segment.size();
        return stored;
    }

    private static String insertSql(int rows) {
        StringBuilder sb = new StringBuilder("INSERT INTO floor_trail (lock, sequence, type, chain, line) VALUES ");
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
        }
        return sb.toString();
    }

    private static void bind(java.sql.PreparedStatement ins, String lock, java.util.List<String[]> rows)
            throws java.sql.SQLException {
        int k = 1;
        for (String[] r : rows) {
            ins.setString(k++, lock);
            ins.setLong(k++, Long.parseLong(r[0]));
            ins.setString(k++, r[1]);
            ins.setString(k++, r[2]);
            ins.setString(k++, r[3]);
        }
    }

    /** The next segment to verify. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    /** One segment into the backend: read, checked, verified, stored. */
    @Benchmark
    public IngestResult ingest(Trail t, Backend b, EventCounter c) {
        SegmentedTrail.Segment s = t.trail.segments().get(b.next++);
        IngestResult r = b.fleet.ingest(new StringReader(s.text()));
        if (r.newEvents() != s.lines()) {
            throw new IllegalStateException("not a full ingest: " + r);
        }
        c.events += s.lines();
        return r;
    }

    /** The same segment's verification alone, as ingest runs it (continuing from the previous segment's head). */
    @Benchmark
    public VerificationReport verifyContinuation(Trail t, Cursor cur, EventCounter c) {
        SegmentedTrail.Segment s = t.trail.segments().get(cur.next);
        cur.next = (cur.next + 1) % t.trail.segments().size();
        VerificationReport r = TrailVerifier.verifyContinuation(new BufferedReader(new StringReader(s.text())),
                t.trail.lock().value(), t.trail.publicKey(), s.firstSequence(), s.headBefore());
        c.events += s.lines();
        return r;
    }

    /** All the segments' lines as one export, verified as an auditor does. */
    @Benchmark
    public VerificationReport verifyWholeTrail(Trail t, EventCounter c) {
        VerificationReport r = TrailVerifier.verify(new BufferedReader(new StringReader(t.trail.whole())),
                id -> t.trail.publicKey());
        c.events += t.trail.lines();
        return r;
    }
}
