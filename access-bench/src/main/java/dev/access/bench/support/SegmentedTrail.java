package dev.access.bench.support;

import dev.access.core.AccessControl;
import dev.access.core.LockStore;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.TrailExport;
import dev.access.core.domain.LockId;
import dev.access.core.fleet.Enrollment;
import dev.access.core.trail.TrailCheckpointed;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.ChainHead;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.KeyRing;
import dev.access.crypto.TrailPublicKey;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/*
 * Implementation notes.
 *
 * The trail is built through AccessControl on the in-memory store with an in-memory key ring
 * (commissioning, a user code, the enrollment to a backend identity made here, then granted entry
 * attempts with a signed checkpoint every 100 events), signed at its end, exported once and cut after a checkpoint
 * line once a segment holds at least the asked number of lines (a remainder shorter than half a
 * segment goes with the last one): every segment ends signed, so an
 * ingest stores all of it (nothing is held back as an unsigned tail). A segment is what
 * TrailExport.write(source, lock, out, fromSequence) writes, the export's own lines from a sequence on.
 */
/** One lock's trail cut into segments that each end in a signed checkpoint, as a lock sends them to its backend. */
public final class SegmentedTrail {
    /**
     * One segment.
     *
     * @param text its lines, each ended by {@code \n}
     * @param lines how many
     * @param firstSequence the sequence of its first line
     * @param headBefore the chain head after the line before it ({@link ChainHead#GENESIS} for the first)
     */
    public record Segment(String text, int lines, long firstSequence, ChainHead headBefore) {
    }

    private static final String CHECKPOINT = TrailCheckpointed.class.getSimpleName();

    private final LockId lock;
    private final TrailPublicKey publicKey;
    private final KeyRing backendKeys;
    private final Enrollment enrollment;
    private final String whole;
    private final List<Segment> segments;

    private SegmentedTrail(LockId lock, TrailPublicKey publicKey, KeyRing backendKeys, Enrollment enrollment, String whole,
            List<Segment> segments) {
        this.lock = lock;
        this.publicKey = publicKey;
        this.backendKeys = backendKeys;
        this.enrollment = enrollment;
        this.whole = whole;
        this.segments = segments;
    }

    /**
     * A lock's trail of about {@code attempts} granted entry attempts (plus about 1 % checkpoints and a
     * few lines of commissioning and enrollment), cut into segments of at least {@code segmentLines}
     * lines.
     */
    public static SegmentedTrail build(int attempts, int segmentLines) {
        LockId lock = LockId.of("lock-0");
        InMemoryKeyRing keys = InMemoryKeyRing.create();
        InMemoryKeyRing backendKeys = InMemoryKeyRing.create();
        BackendPublicKey backend = backendKeys.createBackendIdentity().publicKey();
        SimulatedClock clock = SimulatedClock.ticking(LockFixture.HISTORY_START, Duration.ofSeconds(1));
        try (LockStore store = LockStore.inMemory();
                AccessControl ac = AccessControl.builder().store(store).keyRing(keys).clock(clock).checkpointEvery(100)
                        .accessLog(false).build()) {
            LockFixture.commission(ac, lock);
            Enrollment enrollment = ac.enroll(lock, backend);
            for (int i = 0; i < attempts; i++) {
                LockFixture.enter(ac, lock);
            }
            ac.checkpoint(lock);
            List<String> lines = new ArrayList<>();
            List<String> types = new ArrayList<>();
            List<String> chains = new ArrayList<>();
            ac.trail(lock, r -> {
                StringWriter line = new StringWriter();
                TrailExport.writeLine(r, line);
                lines.add(line.toString());
                types.add(r.type());
                chains.add(r.chain());
            });
            List<Segment> segments = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < lines.size(); i++) {
                boolean last = i == lines.size() - 1;
                // A short remainder (less than half a segment) goes with the segment before it.
                boolean cut = i + 1 - start >= segmentLines && types.get(i).equals(CHECKPOINT)
                        && lines.size() - (i + 1) >= segmentLines / 2;
                if (last || cut) {
                    ChainHead before = start == 0 ? ChainHead.GENESIS : ChainHead.fromHex(chains.get(start - 1));
                    segments.add(new Segment(String.join("", lines.subList(start, i + 1)), i + 1 - start, start, before));
                    start = i + 1;
                }
            }
            return new SegmentedTrail(lock, keys.trailPublicKey(lock.value()), backendKeys, enrollment,
                    String.join("", lines), List.copyOf(segments));
        }
    }

    /** The lock. */
    public LockId lock() {
        return lock;
    }

    /** The key that verifies the lock's checkpoints. */
    public TrailPublicKey publicKey() {
        return publicKey;
    }

    /** The segments, in order. */
    public List<Segment> segments() {
        return segments;
    }

    /** The whole trail as one export (the segments' lines, in order). */
    public String whole() {
        return whole;
    }

    /** Lines in the whole trail. */
    public long lines() {
        return segments.stream().mapToLong(Segment::lines).sum();
    }

    /** The key ring holding the identity of the backend the lock enrolled to (for {@link FleetBackends}). */
    public KeyRing backendKeys() {
        return backendKeys;
    }

    /** The lock's enrollment to that backend, as {@code AccessControl.enroll} made it. */
    public Enrollment enrollment() {
        return enrollment;
    }
}
