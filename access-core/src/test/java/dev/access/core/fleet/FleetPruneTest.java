package dev.access.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.Fleet;
import dev.access.core.LockStore;
import dev.access.core.PruneResult;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.LockHistory;
import dev.access.core.audit.Replay;
import dev.access.core.audit.TrailArchive;
import dev.access.core.audit.TrailExport;
import dev.access.core.audit.TrailProblem;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.FileKeyRing;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend's copy and an auditor's archive when the lock prunes its trail: a copy that reaches the
 * cut keeps its own (longer) trail and takes the anchor in an overlap; a copy that holds nothing
 * starts at the verified anchor; a copy that ends before the cut refuses, naming the removed range,
 * and stores nothing.
 */
class FleetPruneTest {
    @TempDir
    Path tmp;

    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-07-06T06:00:00Z"));
    private LockStore backendStore;
    private Fleet fleet;
    private BackendPublicKey backend;
    private final List<LockSim> locks = new ArrayList<>();

    @BeforeEach
    void backend() {
        backendStore = LockStore.sqlite(tmp.resolve("backend"));
        fleet = Fleet.builder().store(backendStore).keyRing(FileKeyRing.open(tmp.resolve("backend").resolve("keys")))
                .clock(clock).build();
        backend = fleet.initialize();
    }

    @AfterEach
    void close() {
        fleet.close();
        backendStore.close();
        locks.forEach(LockSim::close);
    }

    private LockSim lock(String id) {
        LockSim l = new LockSim(tmp.resolve(id), id, clock);
        locks.add(l);
        l.commission();
        return l;
    }

    /** A segment from {@code from} by sequence (after a prune, line numbers are not sequences). */
    private static String segment(LockSim l, long from) {
        l.access.checkpoint(l.id);
        StringWriter w = new StringWriter();
        TrailExport.write(l.access, l.id, w, from);
        return w.toString();
    }

    private IngestResult ingest(String segment) {
        return fleet.ingest(new StringReader(segment));
    }

    private String backendCopy(LockSim l) {
        StringWriter w = new StringWriter();
        fleet.export(l.id, w);
        return w.toString();
    }

    private static VerificationReport verify(String export, LockSim l) {
        return TrailVerifier.verify(new BufferedReader(new StringReader(export)),
                id -> id.equals(l.id.value()) ? l.access.publicKey(l.id) : null);
    }

    private PruneResult prune(LockSim l) {
        clock.advance(Duration.ofSeconds(1));
        PruneResult r = l.access.pruneTrail(l.id, clock.instant());
        assertTrue(r.removed() > 0, r.toString());
        return r;
    }

    @Test
    void aCopyThatReachesTheCut_keepsItsTrail_andTakesTheAnchorInAnOverlap() {
        LockSim door = lock("front-door");
        fleet.enroll(door.enroll(backend));
        door.busy(1, 30);
        long held = ingest(segment(door, 0)).lastSequence();
        PruneResult r = prune(door);
        assertTrue(r.anchorSequence() <= held, "the cut is inside what the backend holds: " + r + ", held " + held);
        door.busy(2, 20);
        // The lock sends its whole (pruned) trail: the anchor overlaps the held events.
        IngestResult whole = ingest(segment(door, 0));
        assertTrue(whole.newEvents() > 0, whole.toString());
        String copy = backendCopy(door);
        VerificationReport v = verify(copy, door);
        assertTrue(v.ok(), v.problems().toString());
        assertEquals(-1, v.locks().get(door.id.value()).anchorSequence(), "the backend keeps its trail from sequence 0");
        assertTrue(copy.startsWith("{\"lock\":\"front-door\",\"sequence\":0,"));
        door.busy(3, 10);
        assertTrue(ingest(segment(door, whole.lastSequence() + 1)).newEvents() > 0, "and goes on as before");
        assertEquals(door.access.state(door.id).lockout(), fleet.view(door.id).orElseThrow().state().lockout());
    }

    @Test
    void aCopyThatHoldsNothing_startsAtTheVerifiedAnchor() {
        LockSim door = lock("back-door");
        door.busy(4, 30);
        PruneResult r = prune(door);
        door.busy(5, 10);
        fleet.enroll(door.enroll(backend));
        IngestResult first = ingest(segment(door, 0));
        assertTrue(first.newEvents() > 0, first.toString());
        String copy = backendCopy(door);
        StringWriter lockExport = new StringWriter();
        TrailExport.write(door.access, door.id, lockExport);
        assertEquals(lockExport.toString(), copy, "the copy is the lock's pruned trail, byte for byte");
        VerificationReport v = verify(copy, door);
        assertTrue(v.ok(), v.problems().toString());
        assertEquals(r.anchorSequence(), v.locks().get(door.id.value()).anchorSequence());
        LockHistory h = LockHistory.fromExport(new BufferedReader(new StringReader(copy)), door.id);
        assertEquals(Replay.stateAt(h, clock.instant()), fleet.view(door.id).orElseThrow().state(),
                "the backend folds its copy from the anchored state");
    }

    @Test
    void aCopyThatEndsBeforeTheCut_refusesNamingTheRemovedRange_andStoresNothing() {
        LockSim door = lock("side-door");
        fleet.enroll(door.enroll(backend));
        door.busy(6, 10);
        long held = ingest(segment(door, 0)).lastSequence();
        door.busy(7, 20);
        PruneResult r = prune(door);
        assertTrue(r.anchorSequence() > held + 1);
        String before = backendCopy(door);
        SegmentRejectedException e = assertThrows(SegmentRejectedException.class, () -> ingest(segment(door, held + 1)));
        TrailProblem p = e.problems().get(0);
        assertEquals(TrailProblem.Kind.ANCHOR_MISPLACED, p.kind(), e.problems().toString());
        assertTrue(p.message().contains((held + 1) + ".." + r.anchorSequence()), p.message());
        assertEquals(before, backendCopy(door), "nothing stored");
        assertEquals(held, fleet.view(door.id).orElseThrow().lastSequence());
    }

    @Test
    void anArchiveTakesAPrunedExport_onlyWhenItHoldsNothingBeforeTheCutOrTheCutItself() throws Exception {
        LockSim door = lock("archive-door");
        door.busy(8, 20);
        String early = segment(door, 0);
        door.busy(9, 20);
        String whole = segment(door, 0);
        PruneResult r = prune(door);
        door.busy(10, 5);
        String pruned = segment(door, 0);
        java.util.function.Function<String, dev.access.crypto.TrailPublicKey> keys =
                id -> id.equals(door.id.value()) ? door.access.publicKey(door.id) : null;

        try (TrailArchive empty = TrailArchive.open(tmp.resolve("empty.db"))) {
            TrailArchive.ImportResult in = empty.importTrail(new BufferedReader(new StringReader(pruned)), keys);
            assertTrue(in.added() > 0);
            StringWriter w = new StringWriter();
            empty.export(door.id, w);
            assertTrue(verify(w.toString(), door).ok(), "the archive's copy starts at the anchor and verifies");
        }
        try (TrailArchive longer = TrailArchive.open(tmp.resolve("longer.db"))) {
            longer.importTrail(new BufferedReader(new StringReader(whole)), keys);
            TrailArchive.ImportResult in = longer.importTrail(new BufferedReader(new StringReader(pruned)), keys);
            assertTrue(in.added() > 0, "the events after the cut are added; the anchor over a held event is not");
            StringWriter w = new StringWriter();
            longer.export(door.id, w);
            VerificationReport v = verify(w.toString(), door);
            assertTrue(v.ok(), v.problems().toString());
            assertEquals(-1, v.locks().get(door.id.value()).anchorSequence(), "the archive keeps its trail from 0");
        }
        try (TrailArchive shorter = TrailArchive.open(tmp.resolve("shorter.db"))) {
            shorter.importTrail(new BufferedReader(new StringReader(early)), keys);
            TrailArchive.ImportRejectedException e = assertThrows(TrailArchive.ImportRejectedException.class,
                    () -> shorter.importTrail(new BufferedReader(new StringReader(pruned)), keys));
            assertEquals(r.anchorSequence(), e.sequence());
            assertTrue(e.getMessage().contains("pruned"), e.getMessage());
        }
    }
}
