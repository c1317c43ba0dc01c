package dev.access.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.Fleet;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.domain.Credential;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockState;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.Rejection;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.PinRejectedException;
import dev.access.crypto.SignatureVerificationException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Codes issued at the backend, carried sealed in signed batches, applied by the lock, proven by its trail. */
class FleetProgrammingTest {
    private static final String PIN_A = "73915846";
    private static final String PIN_B = "62840917";
    private static final String PIN_C = "50718293";

    @TempDir
    Path tmp;

    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-07-06T06:00:00Z"));
    private LockStore backendStore;
    private Fleet fleet;
    private BackendPublicKey backend;
    private LockSim door;
    private long held = -1;

    @BeforeEach
    void setUp() throws Exception {
        backendStore = LockStore.sqlite(tmp.resolve("backend"));
        fleet = Fleet.builder().store(backendStore).keyRing(FileKeyRing.open(tmp.resolve("backend").resolve("keys")))
                .clock(clock).build();
        backend = fleet.initialize();
        door = new LockSim(tmp.resolve("door"), "front-door", clock);
        door.commission();
        fleet.enroll(door.enroll(backend));
        upload();
    }

    @AfterEach
    void close() {
        fleet.close();
        backendStore.close();
        door.close();
    }

    /** The lock's trail up to now, carried up and ingested. */
    private void upload() {
        clock.advance(Duration.ofSeconds(5));
        held = fleet.ingest(new StringReader(door.segment(held + 1))).lastSequence();
    }

    private ProgrammingBatch push() {
        clock.advance(Duration.ofSeconds(5));
        return fleet.push(door.id).orElseThrow();
    }

    /** The batch through its text, as a link carries it. */
    private AppliedBatch apply(ProgrammingBatch b) throws SignatureVerificationException {
        clock.advance(Duration.ofSeconds(5));
        return door.access.apply(ProgrammingBatch.parse(b.toText()));
    }

    private CodeSync sync(int slot) {
        return fleet.sync(door.id).slot(slot);
    }

    private static char[] pin(String digits) {
        return digits.toCharArray();
    }

    @Test
    void theFullLoop_addChangeSuspendResumeRemove_endsSynced() throws Exception {
        DesiredChange add = fleet.requestCode(door.id, NewCode.unrestricted(3, "alice"), pin(PIN_A), "owner");
        assertEquals("add", add.change());
        assertEquals(SyncStatus.PENDING, sync(3).sync());
        assertNull(sync(3).batch());
        ProgrammingBatch b1 = push();
        assertEquals(1, b1.batch());
        assertEquals(SyncStatus.PENDING, sync(3).sync());
        assertEquals(1L, sync(3).batch(), "the batch it was last sent in");
        AppliedBatch applied = apply(b1);
        assertTrue(applied.outcomes().get(0).applied(), applied.toString());
        assertEquals(SyncStatus.PENDING, sync(3).sync(), "nothing is known until the trail says so");
        upload();
        CodeSync synced = sync(3);
        assertEquals(SyncStatus.SYNCED, synced.sync());
        assertEquals("owner", synced.by());
        assertEquals(1L, synced.batch());
        assertTrue(fleet.sync(door.id).inSync());
        assertEquals(0, sealedPins(), "the sealed PIN is dropped once the trail proves the code set");
        assertTrue(fleet.push(door.id).isEmpty(), "nothing pending");
        assertTrue(door.access.enter(door.id, pin(PIN_A), EntrySource.KEYPAD).granted());

        fleet.requestPinChange(door.id, 3, pin(PIN_B), "owner");
        apply(push());
        upload();
        assertEquals(SyncStatus.SYNCED, sync(3).sync());
        assertFalse(door.access.enter(door.id, pin(PIN_A), EntrySource.KEYPAD).granted());
        assertTrue(door.access.enter(door.id, pin(PIN_B), EntrySource.KEYPAD).granted());

        fleet.requestSuspend(door.id, 3, "owner");
        ProgrammingBatch suspend = push();
        assertNull(suspend.operations().get(0).sealedPin(), "a confirmed PIN is not sent again");
        apply(suspend);
        upload();
        assertEquals(SyncStatus.SYNCED, sync(3).sync());
        assertTrue(door.access.state(door.id).credentials().get(3).suspended());

        fleet.requestResume(door.id, 3, "owner");
        apply(push());
        upload();
        assertFalse(door.access.state(door.id).credentials().get(3).suspended());

        fleet.requestMode(door.id, OperatingMode.VACATION, "owner");
        fleet.requestRemove(door.id, 3, "owner");
        assertEquals(SyncStatus.PENDING, sync(3).sync());
        assertFalse(sync(3).wanted());
        assertEquals(1, fleet.sync(door.id).codes().stream().filter(c -> c.slot() == 3).count(),
                "a slot waiting to be emptied is listed once, as the backend's");
        apply(push());
        upload();
        assertNull(door.access.state(door.id).credentials().get(3));
        assertEquals(OperatingMode.VACATION, door.access.state(door.id).mode());
        assertNull(sync(3), "an emptied slot, once synced, is no longer listed");
        assertTrue(fleet.sync(door.id).inSync());
        assertEquals(fleet.sync(door.id).lastPushedBatch(), fleet.sync(door.id).lastAppliedBatch());
    }

    @Test
    void aLostBatch_staysPending_andTheNextCarriesIt_inEitherOrder() throws Exception {
        fleet.requestCode(door.id, NewCode.unrestricted(3, "alice"), pin(PIN_A), "owner");
        ProgrammingBatch lost = push();
        ProgrammingBatch again = push();
        assertEquals(2, again.batch());
        assertEquals(lost.operations().get(0).id(), again.operations().get(0).id());
        assertEquals(SyncStatus.PENDING, sync(3).sync());
        assertEquals(2L, sync(3).batch());

        // Newest first: the older one is refused, nothing changes.
        apply(again);
        LockState after = door.access.state(door.id);
        LockCommandRejected stale = assertThrows(LockCommandRejected.class, () -> apply(lost));
        assertEquals(Rejection.STALE_BATCH, stale.rejection());
        assertEquals(after, door.access.state(door.id));
        upload();
        assertEquals(SyncStatus.SYNCED, sync(3).sync());
    }

    @Test
    void theOlderThenTheNewerBatch_leaveTheLockAsTheNewestOnce() throws Exception {
        fleet.requestCode(door.id, NewCode.unrestricted(3, "alice"), pin(PIN_A), "owner");
        ProgrammingBatch first = push();
        fleet.requestPinChange(door.id, 3, pin(PIN_B), "owner");
        ProgrammingBatch second = push();
        apply(first);
        apply(second);
        upload();
        assertEquals(SyncStatus.SYNCED, sync(3).sync());
        assertTrue(door.access.enter(door.id, pin(PIN_B), EntrySource.KEYPAD).granted());
        assertFalse(door.access.enter(door.id, pin(PIN_A), EntrySource.KEYPAD).granted());
    }

    @Test
    void replayedTamperedForeignAndWrongLockBatches_areRefused_andChangeNothing() throws Exception {
        fleet.requestCode(door.id, NewCode.unrestricted(3, "alice"), pin(PIN_A), "owner");
        ProgrammingBatch b = push();
        apply(b);
        LockState before = door.access.state(door.id);
        int events = door.access.events(door.id).size();

        assertEquals(Rejection.STALE_BATCH, assertThrows(LockCommandRejected.class, () -> apply(b)).rejection());
        String tampered = b.toText().replace("\"alice\"", "\"mallory\"");
        assertThrows(SignatureVerificationException.class, () -> door.access.apply(ProgrammingBatch.parse(tampered)));
        String renumbered = b.toText().replace("\"batch\":1", "\"batch\":9");
        assertThrows(SignatureVerificationException.class, () -> door.access.apply(ProgrammingBatch.parse(renumbered)));
        ProgrammingBatch foreign = ProgrammingBatch.sign(InMemoryKeyRing.create().createBackendIdentity(), b.lock(),
                b.keyEpoch(), 7, clock.instant(), b.operations());
        assertThrows(SignatureVerificationException.class, () -> door.access.apply(foreign));
        ProgrammingBatch otherLock = ProgrammingBatch.sign(fleetIdentity(), "back-door", b.keyEpoch(), 8,
                clock.instant(), List.of());
        assertEquals(Rejection.WRONG_LOCK, assertThrows(LockCommandRejected.class,
                () -> door.access.apply(otherLock)).rejection());
        assertEquals(before, door.access.state(door.id));
        assertEquals(events, door.access.events(door.id).size());
    }

    private dev.access.crypto.BackendIdentity fleetIdentity() {
        return FileKeyRing.open(tmp.resolve("backend").resolve("keys")).backendIdentity().orElseThrow();
    }

    @Test
    void unmanagedDriftedFailedAndLockReset_areToldFromTheTrail() throws Exception {
        // A code added at the keypad: UNMANAGED (and the master code is too).
        door.access.addCode(door.id, NewCode.unrestricted(5, "guest"), pin(PIN_C));
        // A managed code the lock refuses: the same PIN as the guest's is a DUPLICATE.
        fleet.requestCode(door.id, NewCode.unrestricted(6, "twin"), pin(PIN_C), "owner");
        fleet.requestCode(door.id, NewCode.unrestricted(3, "alice"), pin(PIN_A), "owner");
        AppliedBatch applied = apply(push());
        assertEquals(1, applied.outcomes().stream().filter(o -> !o.applied()).count());
        upload();
        SyncView v = fleet.sync(door.id);
        assertEquals(SyncStatus.UNMANAGED, v.slot(5).sync());
        assertEquals(SyncStatus.UNMANAGED, v.slot(0).sync());
        assertEquals(SyncStatus.FAILED, v.slot(6).sync());
        assertEquals("DUPLICATE", v.slot(6).reason());
        assertEquals(SyncStatus.SYNCED, v.slot(3).sync());
        assertFalse(v.inSync());
        assertTrue(fleet.push(door.id).isEmpty(), "a FAILED code is not sent again until it is changed");
        // A managed code removed at the lock: DRIFTED, and not fought over.
        door.access.removeCode(door.id, 3);
        upload();
        assertEquals(SyncStatus.DRIFTED, sync(3).sync());
        // A factory reset: every code the backend set is gone (LOCK_RESET).
        fleet.requestCode(door.id, NewCode.unrestricted(4, "bob"), pin(PIN_B), "owner");
        apply(push());
        upload();
        assertEquals(SyncStatus.SYNCED, sync(4).sync());
        door.access.factoryReset(door.id);
        upload();
        assertEquals(SyncStatus.FAILED, sync(4).sync());
        assertEquals("LOCK_RESET", sync(4).reason());
        // After re-commissioning and re-enrolling, the PIN must be entered again.
        door.commission();
        fleet.enroll(door.enroll(backend));
        upload();
        assertEquals("LOCK_RESET", sync(4).reason());
        fleet.requestPinChange(door.id, 4, pin(PIN_B), "owner");
        apply(push());
        upload();
        assertEquals(SyncStatus.SYNCED, sync(4).sync());
    }

    @Test
    void betweenAResetAndTheIngestOfTheNewTrail_pushSaysWhichSideIsBehind_andChangesWithoutAPinAreRecorded() {
        door.access.factoryReset(door.id);
        upload();
        assertEquals(Rejection.STALE_KEY_EPOCH, assertThrows(LockCommandRejected.class,
                () -> fleet.requestCode(door.id, NewCode.unrestricted(3, "alice"), pin(PIN_A), "owner")).rejection());
        assertTrue(assertThrows(LockCommandRejected.class, () -> fleet.push(door.id)).getMessage()
                .contains("enrolled again"));
        door.commission();
        fleet.enroll(door.enroll(backend));
        // Enrolled under epoch 2, but the backend holds the trail only up to the reset.
        LockCommandRejected behind = assertThrows(LockCommandRejected.class, () -> fleet.push(door.id));
        assertEquals(Rejection.STALE_KEY_EPOCH, behind.rejection());
        assertTrue(behind.getMessage().contains("ingest the lock's newer trail first"), behind.getMessage());
        fleet.requestMode(door.id, OperatingMode.PRIVACY, "owner");
        upload();
        fleet.requestCode(door.id, NewCode.unrestricted(3, "alice"), pin(PIN_A), "owner");
        ProgrammingBatch b = push();
        assertEquals(2, b.keyEpoch());
        assertEquals(2, b.operations().size());
    }

    @Test
    void theBackendRefusesAtOnce_whatItCanSee() {
        assertThrows(PinRejectedException.class,
                () -> fleet.requestCode(door.id, NewCode.unrestricted(3, "alice"), pin("12"), "owner"));
        assertThrows(PinRejectedException.class,
                () -> fleet.requestCode(door.id, NewCode.unrestricted(3, "alice"), pin("739158461"), "owner"));
        assertEquals(Rejection.UNKNOWN_SLOT, assertThrows(LockCommandRejected.class,
                () -> fleet.requestSuspend(door.id, 9, "owner")).rejection());
        assertEquals(Rejection.MASTER_SLOT, assertThrows(LockCommandRejected.class,
                () -> fleet.requestCode(door.id, NewCode.unrestricted(0, "x"), pin(PIN_A), "owner")).rejection());
        door.access.addCode(door.id, NewCode.unrestricted(5, "guest"), pin(PIN_C));
        upload();
        assertEquals(Rejection.SLOT_OCCUPIED, assertThrows(LockCommandRejected.class,
                () -> fleet.requestCode(door.id, NewCode.unrestricted(5, "x"), pin(PIN_A), "owner")).rejection());
        assertThrows(LockNotEnrolledException.class, () -> fleet.requestMode(dev.access.core.domain.LockId.of("nobody"),
                OperatingMode.PRIVACY, "owner"));
        assertTrue(fleet.push(door.id).isEmpty());
    }

    @Test
    void noPinInClear_inTheBackendsFiles_batchesOrMessages() throws Exception {
        char[] typed = pin(PIN_A);
        fleet.requestCode(door.id, NewCode.unrestricted(3, "alice"), typed, "owner");
        assertTrue(new String(typed).chars().allMatch(c -> c == 0), "the typed PIN is wiped");
        ProgrammingBatch b = push();
        assertFalse(b.toText().contains(PIN_A));
        assertFalse(b.toString().contains(PIN_A));
        assertTrue(sealedPins() > 0);
        assertNoPinInBackendFiles();
        apply(b);
        upload();
        assertEquals(0, sealedPins());
        assertNoPinInBackendFiles();
        // Once delivered, not even the sealed form stays in the database file (secure_delete, after
        // the write-ahead log is checkpointed into it).
        String ciphertext = b.operations().get(0).sealedPin().ciphertext();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("backend").resolve(LockStore.SQLITE_FILE));
                ResultSet r = c.createStatement().executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            r.next();
            assertEquals(0, r.getInt(1), "the checkpoint was not blocked");
        }
        try (Stream<Path> files = Files.list(tmp.resolve("backend"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    assertFalse(raw.contains(ciphertext), "the delivered sealed PIN is still in " + f.getFileName());
                }
            }
        }
    }

    private void assertNoPinInBackendFiles() throws Exception {
        try (Stream<Path> files = Files.walk(tmp.resolve("backend"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    for (String p : List.of(PIN_A, PIN_B, PIN_C)) {
                        assertFalse(raw.contains(p), p + " in " + f.getFileName());
                    }
                }
            }
        }
    }

    private int sealedPins() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("backend").resolve(LockStore.SQLITE_FILE));
                ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM fleet_sealed_pin")) {
            r.next();
            return r.getInt(1);
        }
    }
}
