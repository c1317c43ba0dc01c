package dev.access.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.EntryResult;
import dev.access.core.Fleet;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.SimulatedClock;
import dev.access.core.domain.BatchOperation;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.domain.UserType;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.FileKeyRing;
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
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline codes issued by the backend, end to end on real stores: the lock (its own SQLite store and
 * key ring file) hands its issuing key over sealed at enrollment, the backend (SQLite and a key ring
 * file) issues codes the disconnected lock grants, revokes them through programming batches, and
 * tells each code's status from the lock's ingested trail alone. The lock's and the backend's clocks
 * are apart, as in the field.
 */
class FleetOfflineCodesTest {
    private static final Instant T0 = Instant.parse("2026-07-06T06:00:00Z");

    @TempDir
    Path tmp;

    private final SimulatedClock lockClock = new SimulatedClock(T0);
    private final SimulatedClock backendClock = new SimulatedClock(T0);
    private LockStore backendStore;
    private Fleet fleet;
    private BackendPublicKey backend;
    private LockSim door;
    private long held = -1;
    /** Every PIN the backend issued: none may be found in its files. */
    private final List<String> pins = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        backendStore = LockStore.sqlite(tmp.resolve("backend"));
        fleet = Fleet.builder().store(backendStore).keyRing(FileKeyRing.open(tmp.resolve("backend").resolve("keys")))
                .clock(backendClock).build();
        backend = fleet.initialize();
        door = new LockSim(tmp.resolve("door"), "front-door", lockClock);
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

    // ------------------------------------------------------------------ helpers

    /** Both clocks move on. */
    private void tick(Duration d) {
        lockClock.advance(d);
        backendClock.advance(d);
    }

    /** Both clocks to {@code t}. */
    private void at(String t) {
        lockClock.set(Instant.parse(t));
        backendClock.set(Instant.parse(t));
    }

    private void upload() {
        tick(Duration.ofSeconds(5));
        held = fleet.ingest(new StringReader(door.segment(held + 1))).lastSequence();
    }

    private OfflineCodeIssue issue(String from, String until, boolean oneTime) {
        return remember(fleet.issueOfflineCode(door.id, Instant.parse(from), Instant.parse(until), oneTime, null, null,
                "guest", "owner"));
    }

    private OfflineCodeIssue daily(String from, String until, String dailyFrom, String dailyUntil) {
        return remember(fleet.issueOfflineCode(door.id, Instant.parse(from), Instant.parse(until), false,
                LocalTime.parse(dailyFrom), LocalTime.parse(dailyUntil), "cleaner", "owner"));
    }

    private OfflineCodeIssue remember(OfflineCodeIssue issued) {
        pins.add(new String(issued.code().pin()));
        return issued;
    }

    private EntryResult enter(OfflineCodeIssue code) {
        tick(Duration.ofSeconds(1));
        return door.access.enter(door.id, code.code().pin(), EntrySource.KEYPAD);
    }

    private OfflineCodeSync listed(OfflineCodeIssue code) {
        return fleet.offlineCodes(door.id).stream().filter(c -> c.issuance().codeId().equals(code.issuance().codeId()))
                .findFirst().orElseThrow();
    }

    private ProgrammingBatch push() {
        tick(Duration.ofSeconds(5));
        return fleet.push(door.id).orElseThrow();
    }

    private AppliedBatch apply(ProgrammingBatch b) throws SignatureVerificationException {
        tick(Duration.ofSeconds(5));
        return door.access.apply(ProgrammingBatch.parse(b.toText()));
    }

    private OfflineCodeRefusedException refused(OfflineCodeRefusedException.Reason reason, Runnable call) {
        int before = fleet.offlineCodes(door.id).size();
        OfflineCodeRefusedException e = assertThrows(OfflineCodeRefusedException.class, call::run);
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(before, fleet.offlineCodes(door.id).size(), "nothing recorded");
        for (String pin : pins) {
            assertFalse(e.getMessage().contains(pin), "a PIN in: " + e.getMessage());
        }
        return e;
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aCodeTheBackendIssues_opensTheDisconnectedLock_asAnOfflineGrant_andIsListed() throws Exception {
        OfflineCodeIssue code = issue("2026-07-06T08:00:00Z", "2026-07-06T12:00:00Z", false);

        OfflineIssuance i = code.issuance();
        assertEquals(Instant.parse("2026-07-06T08:00:00Z"), code.code().from());
        assertEquals(Instant.parse("2026-07-06T12:00:00Z"), code.code().until());
        assertEquals(new OfflineIssuance("front-door", 1, 1, code.code().codeId(), code.code().from(),
                code.code().until(), false, null, 0, "guest", "owner", backendClock.instant()), i);
        assertEquals(10, code.code().pin().length);
        assertFalse(code.toString().contains(pins.get(0)), code.toString());
        assertEquals(OfflineCodeStatus.ISSUED, listed(code).status());

        at("2026-07-06T07:59:00Z");
        assertEquals(DenialReason.UNKNOWN_CODE, enter(code).reason(), "not yet");
        at("2026-07-06T09:00:00Z");
        EntryResult granted = enter(code);
        assertTrue(granted.granted(), granted.toString());
        assertEquals(UserType.OFFLINE, granted.userType());
        assertNull(granted.slot());
        assertEquals(i.codeId(), granted.offlineCode().id());
        assertEquals(i.until(), granted.offlineCode().until());
        upload();
        assertEquals(OfflineCodeStatus.ISSUED, listed(code).status(), "a code that is not one-time is not used up");

        at("2026-07-06T12:00:00Z");
        OfflineCodeSync ended = listed(code);
        assertEquals(OfflineCodeStatus.EXPIRED, ended.status());
        assertEquals(i.until(), ended.since());
        refused(OfflineCodeRefusedException.Reason.WINDOW_ENDED, () -> fleet.revokeOfflineCode(door.id, i.codeId(), "owner"));
        code.close();
        assertTrue(new String(code.code().pin()).chars().allMatch(c -> c == 0), "closing wipes the PIN");
    }

    @Test
    void aOneTimeCodeUsedAtTheLock_isListedUsed_onceTheTrailIsIngested() {
        OfflineCodeIssue code = issue("2026-07-06T08:00:00Z", "2026-07-07T08:00:00Z", true);
        at("2026-07-06T10:00:00Z");
        assertTrue(enter(code).granted());
        assertEquals(DenialReason.USE_LIMIT_REACHED, enter(code).reason());
        assertEquals(OfflineCodeStatus.ISSUED, listed(code).status(), "the backend knows only what the trail says");

        upload();

        OfflineCodeSync used = listed(code);
        assertEquals(OfflineCodeStatus.USED, used.status());
        assertEquals(Instant.parse("2026-07-06T10:00:01Z"), used.since(), "the grant's time at the lock");
        assertEquals(OfflineCodeStatus.USED, fleet.revokeOfflineCode(door.id, code.issuance().codeId(), "owner").status(),
                "a used-up code opens no more: nothing to queue");
        assertTrue(fleet.push(door.id).isEmpty());
    }

    @Test
    void aRevocationGoesDownInTheNextBatch_theLockDeniesTheCode_andOnceTheTrailShowsIt_itIsNotSentAgain()
            throws Exception {
        OfflineCodeIssue revokedCode = issue("2026-07-06T08:00:00Z", "2026-07-06T20:00:00Z", false);
        OfflineCodeIssue kept = issue("2026-07-06T08:00:00Z", "2026-07-06T20:00:00Z", false);
        String id = revokedCode.issuance().codeId();

        OfflineCodeSync pending = fleet.revokeOfflineCode(door.id, id, "owner");

        assertEquals(OfflineCodeStatus.REVOKE_PENDING, pending.status());
        assertTrue(pending.revocationRequested());
        assertFalse(fleet.sync(door.id).inSync(), "a revocation waits for the lock");
        ProgrammingBatch lost = push();
        assertEquals(1, lost.operations().size());
        ProgrammingBatch.Operation op = lost.operations().get(0);
        assertEquals(BatchOperation.Kind.REVOKE_OFFLINE_CODE, op.kind());
        assertEquals(id, op.codeId());
        assertEquals(revokedCode.issuance().until(), op.until());
        assertEquals(1L, listed(revokedCode).batch());
        assertEquals(OfflineCodeStatus.REVOKE_PENDING, fleet.revokeOfflineCode(door.id, id, "owner").status(),
                "asking again records nothing new");
        ProgrammingBatch again = push();
        assertEquals(List.of(op.id()), again.operations().stream().map(ProgrammingBatch.Operation::id).toList(),
                "the same operation, until the trail proves it");

        AppliedBatch applied = apply(again);

        assertTrue(applied.outcomes().get(0).applied(), applied.toString());
        at("2026-07-06T09:00:00Z");
        EntryResult denied = enter(revokedCode);
        assertFalse(denied.granted());
        assertEquals(DenialReason.REVOKED, denied.reason());
        assertEquals(id, denied.offlineCode().id());
        assertTrue(enter(kept).granted(), "the other code for the same window still opens");
        assertEquals(OfflineCodeStatus.REVOKE_PENDING, listed(revokedCode).status(), "until the trail says so");
        upload();
        OfflineCodeSync revoked = listed(revokedCode);
        assertEquals(OfflineCodeStatus.REVOKED, revoked.status());
        assertEquals(applied.events().get(0).at(), revoked.since(), "the lock's time of OfflineCodeRevoked");
        assertEquals(OfflineCodeStatus.ISSUED, listed(kept).status());
        assertTrue(fleet.push(door.id).isEmpty(), "a proven revocation is not sent again");
        assertTrue(fleet.sync(door.id).inSync());
        assertEquals(OfflineCodeStatus.REVOKED, fleet.revokeOfflineCode(door.id, id, "owner").status());
        assertTrue(fleet.push(door.id).isEmpty());
    }

    @Test
    void aRevocationTheLockRefuses_isListedWithItsReason_andNotSentAgain() throws Exception {
        OfflineCodeIssue code = issue("2026-07-06T08:00:00Z", "2026-07-06T10:00:00Z", false);
        fleet.revokeOfflineCode(door.id, code.issuance().codeId(), "owner");
        ProgrammingBatch b = push();
        // The lock's clock runs ahead: for it the code stopped opening already, nothing to revoke.
        lockClock.set(Instant.parse("2026-07-06T10:30:00Z"));

        AppliedBatch applied = apply(b);

        assertEquals("INVALID_ARGUMENT", applied.outcomes().get(0).refusal());
        upload();
        OfflineCodeSync s = listed(code);
        assertEquals(OfflineCodeStatus.REVOKE_FAILED, s.status());
        assertEquals("INVALID_ARGUMENT", s.reason());
        assertEquals(b.batch(), s.batch());
        assertTrue(fleet.push(door.id).isEmpty(), "a refused revocation is not sent again");
    }

    @Test
    void afterARevokeAllAtTheLock_theBackendRefusesItsStaleKey_untilTheLockEnrollsAgain() throws Exception {
        OfflineCodeIssue old = issue("2026-07-06T08:00:00Z", "2026-07-06T20:00:00Z", false);
        at("2026-07-06T09:00:00Z");
        assertTrue(enter(old).granted());
        door.access.revokeAllOfflineCodes(door.id);
        upload();
        assertEquals(OfflineCodeStatus.REVOKED_ALL, listed(old).status());

        OfflineCodeRefusedException stale = refused(OfflineCodeRefusedException.Reason.STALE_ISSUING_KEY,
                () -> issue("2026-07-06T10:00:00Z", "2026-07-06T14:00:00Z", false));

        assertTrue(stale.getMessage().contains("moved to issuing-key generation 2"), stale.getMessage());
        assertTrue(stale.getMessage().contains("enroll it again to hand over the new key"), stale.getMessage());
        assertEquals(OfflineCodeStatus.REVOKED_ALL, fleet.revokeOfflineCode(door.id, old.issuance().codeId(), "owner")
                .status(), "nothing to revoke: it opens no more");
        assertTrue(fleet.push(door.id).isEmpty());

        fleet.enroll(door.enroll(backend));
        upload();
        OfflineCodeIssue fresh = issue("2026-07-06T10:00:00Z", "2026-07-06T14:00:00Z", false);

        assertEquals(2, fresh.issuance().generation());
        at("2026-07-06T11:00:00Z");
        assertTrue(enter(fresh).granted(), "the new key's code opens");
        assertFalse(enter(old).granted(), "the old generation's does not");
        upload();
        assertEquals(OfflineCodeStatus.ISSUED, listed(fresh).status());
        assertEquals(OfflineCodeStatus.REVOKED_ALL, listed(old).status());
    }

    @Test
    void afterAFactoryReset_issuedCodesAreListedLockReset_andIssuingWaitsForTheNewEnrollment() throws Exception {
        OfflineCodeIssue before = issue("2026-07-06T08:00:00Z", "2026-07-06T20:00:00Z", false);
        OfflineCodeIssue queued = issue("2026-07-06T08:00:00Z", "2026-07-06T20:00:00Z", false);
        fleet.revokeOfflineCode(door.id, queued.issuance().codeId(), "owner");
        tick(Duration.ofMinutes(1));
        door.access.factoryReset(door.id);
        upload();

        OfflineCodeSync reset = listed(before);
        assertEquals(OfflineCodeStatus.LOCK_RESET, reset.status());
        assertNotEquals(null, reset.since());
        assertEquals(OfflineCodeStatus.LOCK_RESET, listed(queued).status());
        assertEquals(OfflineCodeStatus.LOCK_RESET, fleet.revokeOfflineCode(door.id, before.issuance().codeId(), "owner")
                .status());
        OfflineCodeRefusedException e = refused(OfflineCodeRefusedException.Reason.LOCK_RESET,
                () -> issue("2026-07-06T10:00:00Z", "2026-07-06T14:00:00Z", false));
        assertTrue(e.getMessage().contains("enroll it again"), e.getMessage());

        door.commission();
        fleet.enroll(door.enroll(backend));
        upload();
        OfflineCodeIssue after = issue("2026-07-06T10:00:00Z", "2026-07-06T14:00:00Z", false);

        assertEquals(2, after.issuance().keyEpoch());
        assertEquals(1, after.issuance().generation());
        at("2026-07-06T11:00:00Z");
        assertTrue(enter(after).granted());
        assertFalse(enter(before).granted(), "a code of the destroyed key opens nothing");
        ProgrammingBatch nothing = fleet.push(door.id).orElse(null);
        assertNull(nothing, "the reset code's revocation is not sent to the new epoch");
    }

    @Test
    void twoCodesForTheSameWindow_differ_untilEveryVariantIsIssued() {
        Set<String> seenPins = new HashSet<>();
        Set<String> ids = new HashSet<>();
        List<OfflineCodeIssue> codes = new ArrayList<>();
        for (int v = 0; v < 4; v++) {
            OfflineCodeIssue c = issue("2026-07-07T08:00:00Z", "2026-07-07T12:00:00Z", false);
            assertEquals(v, c.issuance().variant());
            codes.add(c);
            seenPins.add(new String(c.code().pin()));
            ids.add(c.issuance().codeId());
        }
        assertEquals(4, seenPins.size());
        assertEquals(4, ids.size());

        OfflineCodeRefusedException full = refused(OfflineCodeRefusedException.Reason.VARIANTS_EXHAUSTED,
                () -> issue("2026-07-07T08:00:00Z", "2026-07-07T12:00:00Z", false));

        assertTrue(full.getMessage().contains("2026-07-07T08:00:00Z to 2026-07-07T12:00:00Z"), full.getMessage());
        OfflineCodeIssue oneTime = issue("2026-07-07T08:00:00Z", "2026-07-07T12:00:00Z", true);
        assertEquals(0, oneTime.issuance().variant(), "a one-time code is another validity");
        assertTrue(seenPins.add(new String(oneTime.code().pin())));
        OfflineCodeIssue d0 = daily("2026-07-07T00:00:00Z", "2026-07-10T00:00:00Z", "09:00", "17:00");
        OfflineCodeIssue d1 = daily("2026-07-07T00:00:00Z", "2026-07-10T00:00:00Z", "09:00", "17:00");
        assertEquals("09:00-17:00", d0.issuance().daily());
        assertEquals(1, d1.issuance().variant());
        assertNotEquals(new String(d0.code().pin()), new String(d1.code().pin()));
        refused(OfflineCodeRefusedException.Reason.VARIANTS_EXHAUSTED,
                () -> daily("2026-07-07T00:00:00Z", "2026-07-10T00:00:00Z", "09:00", "17:00"));

        at("2026-07-07T09:30:00Z");
        for (OfflineCodeIssue c : codes) {
            assertTrue(enter(c).granted(), "variant " + c.issuance().variant());
        }
        assertTrue(enter(d1).granted(), "11:30 in Berlin is within 09:00-17:00");
    }

    @Test
    void aRequestTheBackendCannotIssue_isRefusedNamingTheValue_andRecordsNothing() {
        refused(OfflineCodeRefusedException.Reason.INVALID_REQUEST,
                () -> issue("2026-07-07T08:00:00Z", "2027-07-09T08:00:00Z", false));
        OfflineCodeRefusedException ahead = refused(OfflineCodeRefusedException.Reason.INVALID_REQUEST,
                () -> issue("2027-07-08T08:00:00Z", "2027-07-08T12:00:00Z", false));
        assertTrue(ahead.getMessage().contains("2027-07-08T08:00:00Z"), ahead.getMessage());
        OfflineCodeRefusedException midnight = refused(OfflineCodeRefusedException.Reason.INVALID_REQUEST,
                () -> daily("2026-07-07T00:00:00Z", "2026-07-10T00:00:00Z", "22:00", "06:00"));
        assertTrue(midnight.getMessage().contains("22:00-06:00"), midnight.getMessage());
        refused(OfflineCodeRefusedException.Reason.INVALID_REQUEST, () -> fleet.issueOfflineCode(door.id,
                Instant.parse("2026-07-07T00:00:00Z"), Instant.parse("2026-07-10T00:00:00Z"), true,
                LocalTime.parse("09:00"), LocalTime.parse("17:00"), null, "owner"));
        refused(OfflineCodeRefusedException.Reason.INVALID_REQUEST,
                () -> issue("2026-07-05T08:00:00Z", "2026-07-05T12:00:00Z", false));
        refused(OfflineCodeRefusedException.Reason.INVALID_REQUEST,
                () -> issue("2026-07-07T08:10:00Z", "2026-07-07T08:50:00Z", false));
        refused(OfflineCodeRefusedException.Reason.INVALID_REQUEST, () -> fleet.issueOfflineCode(door.id,
                Instant.parse("2026-07-07T08:00:00Z"), Instant.parse("2026-07-07T12:00:00Z"), false, null, null,
                "x".repeat(500), "owner"));
        assertThrows(LockNotEnrolledException.class, () -> fleet.issueOfflineCode(LockId.of("nobody"),
                Instant.parse("2026-07-07T08:00:00Z"), Instant.parse("2026-07-07T12:00:00Z"), false, null, null, null,
                "owner"));
        OfflineCodeRefusedException unknown = refused(OfflineCodeRefusedException.Reason.UNKNOWN_CODE,
                () -> fleet.revokeOfflineCode(door.id, "0123456789abcdef", "owner"));
        assertFalse(unknown.getMessage().contains("0123456789abcdef"), "an id given is never repeated");
        assertTrue(fleet.offlineCodes(door.id).isEmpty());
        assertTrue(fleet.push(door.id).isEmpty());
    }

    @Test
    void aLockThatTakesNoOfflineCodes_handsNoKey_andTheBackendSaysSo() throws Exception {
        try (LockSim garage = new LockSim(tmp.resolve("garage"), "garage", lockClock)) {
            garage.access.commission(LockSetup.of(garage.id).withOfflineCodeLength(0), LockSim.MASTER.toCharArray());
            Enrollment e = garage.enroll(backend);
            assertNull(e.offline());
            fleet.enroll(e);
            fleet.ingest(new StringReader(garage.segment(0)));

            OfflineCodeRefusedException none = assertThrows(OfflineCodeRefusedException.class,
                    () -> fleet.issueOfflineCode(garage.id, Instant.parse("2026-07-07T08:00:00Z"),
                            Instant.parse("2026-07-07T12:00:00Z"), false, null, null, null, "owner"));

            assertEquals(OfflineCodeRefusedException.Reason.NO_OFFLINE_KEY, none.reason());
            assertTrue(none.getMessage().contains("takes no offline codes"), none.getMessage());
        }
    }

    @Test
    void theBackendsFiles_holdNoPin_andTheIssuingKeyOnlySealed() throws Exception {
        OfflineCodeIssue a = issue("2026-07-06T08:00:00Z", "2026-07-06T20:00:00Z", true);
        OfflineCodeIssue b = issue("2026-07-06T08:00:00Z", "2026-07-06T20:00:00Z", true);
        daily("2026-07-07T00:00:00Z", "2026-07-14T00:00:00Z", "08:00", "12:00");
        fleet.revokeOfflineCode(door.id, b.issuance().codeId(), "owner");
        apply(push());
        at("2026-07-06T09:00:00Z");
        assertTrue(enter(a).granted());
        upload();
        assertEquals(3, pins.size());

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
                + tmp.resolve("backend").resolve(LockStore.SQLITE_FILE))) {
            try (ResultSet r = c.createStatement().executeQuery("SELECT * FROM fleet_offline_code")) {
                int rows = 0;
                while (r.next()) {
                    rows++;
                    for (int col = 1; col <= r.getMetaData().getColumnCount(); col++) {
                        String v = r.getString(col);
                        for (String pin : pins) {
                            assertFalse(v != null && v.contains(pin), r.getMetaData().getColumnName(col) + " holds a PIN");
                        }
                    }
                }
                assertEquals(3, rows);
            }
            try (ResultSet r = c.createStatement().executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                r.next();
            }
        }
        String key = issuingKeyBase64();
        try (Stream<Path> files = Files.walk(tmp.resolve("backend"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    for (String pin : pins) {
                        assertFalse(raw.contains(pin), "a PIN in " + f.getFileName());
                    }
                    assertFalse(raw.contains(key), "the issuing key in clear in " + f.getFileName());
                }
            }
        }
    }

    /** The lock's issuing key (epoch 1, generation 1) as its owner-only key file writes it, base64. */
    private String issuingKeyBase64() {
        String file = new String(door.ring.offlineIssuingKey("front-door", 1, 1, 10, java.time.ZoneId.of("Europe/Berlin"))
                .fileBytes(), StandardCharsets.UTF_8);
        return file.lines().filter(l -> l.startsWith("key ")).findFirst().orElseThrow().substring(4);
    }

    @Test
    void aBatchCarryingACodeAndARevocation_leavesBothProven_andTheCodeIsNotTakenForTheLocksOwnChange()
            throws Exception {
        OfflineCodeIssue code = issue("2026-07-06T08:00:00Z", "2026-07-06T20:00:00Z", false);
        fleet.requestCode(door.id, dev.access.core.NewCode.unrestricted(3, "alice"), "73915846".toCharArray(), "owner");
        fleet.revokeOfflineCode(door.id, code.issuance().codeId(), "owner");
        fleet.requestMode(door.id, dev.access.core.domain.OperatingMode.PRIVACY, "owner");
        ProgrammingBatch b = push();
        assertEquals(List.of(BatchOperation.Kind.SET_CODE, BatchOperation.Kind.SET_MODE,
                BatchOperation.Kind.REVOKE_OFFLINE_CODE), b.operations().stream().map(ProgrammingBatch.Operation::kind)
                .toList());

        AppliedBatch applied = apply(b);
        upload();

        assertTrue(applied.outcomes().stream().allMatch(dev.access.core.domain.BatchOutcome::applied));
        assertEquals(SyncStatus.SYNCED, fleet.sync(door.id).slot(3).sync(), "the code event is the batch's");
        assertTrue(fleet.sync(door.id).inSync());
        assertEquals(OfflineCodeStatus.REVOKED, listed(code).status());
        // A revocation at the lock between batches is the lock's own: it proves the code revoked all the same.
        OfflineCodeIssue local = issue("2026-07-06T08:00:00Z", "2026-07-06T20:00:00Z", false);
        tick(Duration.ofSeconds(5));
        door.access.revokeOfflineCode(door.id, local.issuance().codeId(), local.issuance().until());
        fleet.requestSuspend(door.id, 3, "owner");
        apply(push());
        upload();
        assertEquals(SyncStatus.SYNCED, fleet.sync(door.id).slot(3).sync());
        assertEquals(OfflineCodeStatus.REVOKED, listed(local).status());
        assertTrue(fleet.push(door.id).isEmpty());
    }
}
