package dev.access.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.Fleet;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.TrailProblem;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.domain.Credential;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.SignatureVerificationException;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backend on SQLite holding verified copies of real locks' trails, each lock on its own data directory. */
class FleetIngestTest {
    @TempDir
    Path tmp;

    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-07-06T06:00:00Z"));
    private LockStore backendStore;
    private Fleet fleet;
    private BackendPublicKey backend;
    private final List<LockSim> locks = new ArrayList<>();

    @BeforeEach
    void backend() {
        openBackend();
        backend = fleet.initialize();
    }

    private void openBackend() {
        backendStore = LockStore.sqlite(tmp.resolve("backend"));
        fleet = Fleet.builder().store(backendStore).keyRing(FileKeyRing.open(tmp.resolve("backend").resolve("keys")))
                .clock(clock).build();
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

    private IngestResult ingest(String segment) {
        return fleet.ingest(new StringReader(segment));
    }

    private String backendCopy(LockId id) {
        StringWriter w = new StringWriter();
        fleet.export(id, w);
        return w.toString();
    }

    private static VerificationReport verify(String export, LockSim l) {
        return TrailVerifier.verify(new BufferedReader(new StringReader(export)),
                id -> id.equals(l.id.value()) ? l.access.publicKey(l.id) : null);
    }

    @Test
    void segmentsInOrder_giveAByteIdenticalCopyThatVerifies() throws Exception {
        LockSim door = lock("front-door");
        fleet.enroll(door.enroll(backend));
        long held = -1;
        for (int round = 0; round < 6; round++) {
            door.busy(round, 25);
            IngestResult r = ingest(door.segment(held + 1));
            assertTrue(r.newEvents() > 0, "round " + round + ": " + r);
            assertEquals(0, r.heldBack());
            held = r.lastSequence();
        }
        String lockExport = door.exportAll();
        assertEquals(lockExport, backendCopy(door.id), "the backend's copy is the lock's trail, byte for byte");
        assertEquals(LockSim.lines(lockExport).size() - 1, held);
        assertTrue(verify(backendCopy(door.id), door).ok());
        assertNoSecrets(door);
    }

    @Test
    void aLaterSegmentFirst_isRefusedNamingTheGap_thenAcceptedAfterTheMissingOne() {
        LockSim door = lock("front-door");
        fleet.enroll(door.enroll(backend));
        door.busy(1, 20);
        String first = door.segment(0);
        long firstEnd = LockSim.lines(first).size() - 1;
        door.busy(2, 20);
        String second = door.segment(firstEnd + 1);

        SegmentRejectedException gap = assertThrows(SegmentRejectedException.class, () -> ingest(second));
        TrailProblem p = gap.problems().get(0);
        assertEquals(TrailProblem.Kind.MISSING_EVENTS, p.kind());
        assertTrue(p.message().contains("events 0.." + firstEnd + " are missing"), p.message());
        assertEquals(-1, fleet.view(door.id).orElseThrow().lastSequence(), "nothing stored");

        assertEquals(firstEnd + 1, ingest(first).newEvents());
        IngestResult then = ingest(second);
        assertEquals(LockSim.lines(second).size(), then.newEvents());
        assertEquals(door.exportAll(), backendCopy(door.id));
    }

    @Test
    void reingestingAndOverlappingSegments_storeEachEventOnce() {
        LockSim door = lock("front-door");
        fleet.enroll(door.enroll(backend));
        door.busy(3, 30);
        String a = door.segment(0);
        long aEnd = LockSim.lines(a).size() - 1;
        door.busy(4, 30);
        String b = door.segment(aEnd / 2);

        assertEquals(aEnd + 1, ingest(a).newEvents());
        IngestResult again = ingest(a);
        assertEquals(0, again.newEvents());
        assertEquals(aEnd + 1, again.unchanged());
        IngestResult overlapping = ingest(b);
        assertEquals(LockSim.lines(door.exportAll()).size() - (aEnd + 1), overlapping.newEvents());
        assertEquals(aEnd + 1 - aEnd / 2, overlapping.unchanged());
        assertEquals(0, ingest(b).newEvents());
        assertEquals(door.exportAll(), backendCopy(door.id));
    }

    @Test
    void anUnsignedTail_isHeldBack_untilALaterSegmentSignsIt() {
        LockSim door = lock("front-door");
        fleet.enroll(door.enroll(backend));
        door.busy(5, 12);
        String signed = door.segment(0);
        ingest(signed);
        long held = LockSim.lines(signed).size() - 1;
        // Events after the last checkpoint, sent without one.
        door.access.reportBattery(door.id, 55);
        door.access.reportBattery(door.id, 54);
        String unsigned = LockSim.from(door.exportAll(), held + 1);
        if (unsigned.contains("TrailCheckpointed")) {
            throw new IllegalStateException("the fixture's tail must be unsigned");
        }

        IngestResult r = ingest(unsigned);
        assertEquals(0, r.newEvents());
        assertEquals(2, r.heldBack());
        assertEquals(held, r.lastSequence());
        assertEquals(TrailProblem.Kind.UNSIGNED_TAIL, r.problems().get(0).kind());
        assertEquals(held, fleet.view(door.id).orElseThrow().lastSequence());

        // The next segment starts after the held-back events and signs them too.
        door.access.reportBattery(door.id, 53);
        String next = door.segment(held + 3);
        IngestResult signedNow = ingest(next);
        assertEquals(2 + LockSim.lines(next).size(), signedNow.newEvents());
        assertEquals(door.exportAll(), backendCopy(door.id));
        assertEquals(53, fleet.view(door.id).orElseThrow().state().batteryPercent());
    }

    @Test
    void aSegmentOfALockNotEnrolled_orSignedByAnotherKey_isRefused() throws Exception {
        LockSim door = lock("front-door");
        door.busy(6, 10);
        assertThrows(LockNotEnrolledException.class, () -> ingest(door.segment(0)));

        fleet.enroll(door.enroll(backend));
        // The same lock id on another lock (its own key ring): its checkpoints do not verify.
        LockSim impostor = new LockSim(tmp.resolve("impostor"), "front-door", clock);
        locks.add(impostor);
        impostor.commission();
        impostor.busy(6, 10);
        SegmentRejectedException e = assertThrows(SegmentRejectedException.class, () -> ingest(impostor.segment(0)));
        assertTrue(e.problems().stream().anyMatch(p -> p.kind() == TrailProblem.Kind.BAD_SIGNATURE), e.getMessage());
        assertEquals(-1, fleet.view(door.id).orElseThrow().lastSequence());
        // Nor may it enroll in the genuine lock's place.
        assertThrows(EnrollmentRejectedException.class, () -> fleet.enroll(impostor.enroll(backend)));
    }

    @Test
    void enrollment_isCheckedAndIdempotent() throws Exception {
        LockSim door = lock("front-door");
        Enrollment e = door.enroll(backend);
        Registration first = fleet.enroll(e);
        assertTrue(first.added() && first.newEpoch());
        Registration again = fleet.enroll(e);
        assertFalse(again.added());

        BackendPublicKey other = InMemoryKeyRing.create().createBackendIdentity().publicKey();
        EnrollmentRejectedException elsewhere = assertThrows(EnrollmentRejectedException.class,
                () -> fleet.enroll(door.enroll(other)));
        assertTrue(elsewhere.getMessage().contains(other.keyId()), elsewhere.getMessage());

        String text = e.toText();
        String changed = text.replace("\"keyEpoch\":1", "\"keyEpoch\":2");
        assertThrows(SignatureVerificationException.class, () -> fleet.enroll(Enrollment.parse(changed)));
    }

    @Test
    void aForkedTrail_isRefusedAndRaisedAsAnAlarm() throws Exception {
        LockSim door = lock("front-door");
        fleet.enroll(door.enroll(backend));
        door.busy(7, 15);
        String base = door.segment(0);
        ingest(base);
        long held = LockSim.lines(base).size() - 1;
        // A backup of the lock (data directory and key ring), restored later, goes on recording.
        door.close();
        Path backup = tmp.resolve("backup");
        copyTree(door.dir, backup);
        door.open();
        door.busy(8, 15);
        ingest(door.segment(held + 1));
        LockSim restored = new LockSim(backup, "front-door", clock);
        locks.add(restored);
        restored.access.reportBattery(restored.id, 11);
        restored.busy(9, 15);
        String stored = backendCopy(door.id);
        int alarmsBefore = fleet.locks().get(0).alarmsSinceLastIngest();

        SegmentRejectedException fork = assertThrows(SegmentRejectedException.class,
                () -> ingest(restored.segment(held + 1)));
        assertTrue(fork.isFork(), fork.getMessage());
        assertEquals(stored, backendCopy(door.id), "nothing stored");
        LockView view = fleet.view(door.id).orElseThrow();
        assertTrue(view.alarms().stream().anyMatch(a -> a.code().equals("FORK")), view.alarms().toString());
        assertEquals(alarmsBefore + 1, fleet.locks().get(0).alarmsSinceLastIngest());
    }

    @Test
    void aChangedLineInTheOverlap_isRefusedWithoutAFork() {
        LockSim door = lock("front-door");
        fleet.enroll(door.enroll(backend));
        door.busy(10, 15);
        String seg = door.segment(0);
        ingest(seg);
        String tampered = seg.replaceFirst("\"KP-100\"", "\"KP-999\"");
        if (tampered.equals(seg)) {
            tampered = seg.replaceFirst("KP-100", "KP-999");
        }
        String t = tampered;
        SegmentRejectedException e = assertThrows(SegmentRejectedException.class, () -> ingest(t));
        assertFalse(e.isFork(), e.getMessage());
        assertTrue(fleet.view(door.id).orElseThrow().alarms().stream().noneMatch(a -> a.code().equals("FORK")));
    }

    @Test
    void factoryResetAndReenrollment_keepBothEpochsTrails_andTheViewForgetsOldCodes() throws Exception {
        LockSim door = lock("front-door");
        fleet.enroll(door.enroll(backend));
        door.access.addCode(door.id, NewCode.unrestricted(1, "alice"), LockSim.PINS[1].toCharArray());
        String first = door.segment(0);
        ingest(first);
        assertEquals(2, fleet.view(door.id).orElseThrow().state().credentials().all().size());

        door.access.factoryReset(door.id);
        clock.advance(Duration.ofHours(1));
        door.commission();
        door.access.addCode(door.id, NewCode.unrestricted(2, "bob"), LockSim.PINS[2].toCharArray());
        Registration again = fleet.enroll(door.enroll(backend));
        assertTrue(again.newEpoch());
        assertEquals(2, again.keyEpoch());
        ingest(door.segment(LockSim.lines(first).size()));

        LockView view = fleet.view(door.id).orElseThrow();
        assertEquals(2, view.enrolledEpoch());
        assertEquals(2, view.state().keyEpoch());
        List<String> names = view.state().credentials().all().stream().map(Credential::name).collect(Collectors.toList());
        assertEquals("master", names.get(0));
        assertTrue(dev.access.crypto.PersonalData.isSealed(names.get(1)),
                "a name given at the lock reaches the backend sealed, under a key that stays at the lock");
        assertEquals("bob", door.access.reveal(door.id, names.get(1)));
        assertEquals(door.exportAll(), backendCopy(door.id), "both epochs' trails are held");
        assertTrue(view.alarms().stream().anyMatch(a -> a.code().equals("LOCK_FACTORY_RESET")));
    }

    @Test
    void theView_isTheLocksOwnState_andSurvivesABackendRestart() {
        LockSim door = lock("front-door");
        LockSim back = lock("back-door");
        fleet.enroll(door.enroll(backend));
        fleet.enroll(back.enroll(backend));
        door.busy(11, 40);
        back.busy(12, 40);
        ingest(door.segment(0));
        ingest(back.segment(0));
        fleet.close();
        backendStore.close();
        openBackend();

        for (LockSim l : List.of(door, back)) {
            LockView view = fleet.view(l.id).orElseThrow();
            LockState own = l.access.state(l.id);
            assertEquals(own.mode(), view.state().mode());
            assertEquals(own.batteryPercent(), view.state().batteryPercent());
            assertEquals(own.lockout(), view.state().lockout());
            assertEquals(codes(own), codes(view.state()));
            assertEquals(own.keyEpoch(), view.state().keyEpoch());
        }
        assertEquals(List.of("back-door", "front-door"),
                fleet.locks().stream().map(FleetLock::lock).collect(Collectors.toList()));
    }

    private static List<String> codes(LockState s) {
        return s.credentials().all().stream().map(c -> c.slot() + " " + c.type() + " " + c.name() + " " + c.uses()
                + " " + c.suspended()).collect(Collectors.toList());
    }

    /** Nothing the backend stores holds a PIN or a digest of the lock's codes. */
    private void assertNoSecrets(LockSim l) throws Exception {
        String copy = backendCopy(l.id);
        for (String pin : LockSim.PINS) {
            assertFalse(copy.contains(pin), "a PIN in the backend's copy");
        }
        assertFalse(copy.contains(LockSim.MASTER));
        for (var e : l.access.events(l.id)) {
            if (e instanceof dev.access.core.domain.LockEvent.CodeAdded a) {
                String hex = java.util.HexFormat.of().formatHex(a.digest().toBytes());
                String b64 = java.util.Base64.getEncoder().encodeToString(a.digest().toBytes());
                assertFalse(copy.contains(hex) || copy.contains(b64), "a digest in the backend's copy");
            }
        }
        byte[] db = Files.readAllBytes(tmp.resolve("backend").resolve(LockStore.SQLITE_FILE));
        String raw = new String(db, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String pin : LockSim.PINS) {
            assertFalse(raw.contains(pin), "a PIN in the backend's database file");
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
