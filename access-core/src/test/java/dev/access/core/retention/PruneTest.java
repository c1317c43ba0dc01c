package dev.access.core.retention;

import static dev.access.core.retention.PruneModel.LOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.AccessControl;
import dev.access.core.CodeCheck;
import dev.access.core.EntryResult;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.PruneResult;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.AccessReport;
import dev.access.core.audit.Attempt;
import dev.access.core.audit.Diagnosis;
import dev.access.core.audit.Finding;
import dev.access.core.audit.HtmlTimeline;
import dev.access.core.audit.LockHistory;
import dev.access.core.audit.Replay;
import dev.access.core.audit.SupportBundle;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockState;
import dev.access.core.domain.UserType;
import dev.access.core.readmodel.AccessLogView;
import dev.access.core.readmodel.AttemptView;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.OfflineIssuingKey;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention on SQLite, case by case: what a deletion could launder (a lockout, the daily budget, a
 * one-time code, a use count) is kept by the anchored state; snapshots, the access log, restarts,
 * diagnosis and the auditor's views after a prune; what a prune refuses or leaves alone.
 */
class PruneTest {
    @TempDir
    Path dir;

    private final SimulatedClock clock = new SimulatedClock(PruneModel.T0);
    private LockStore store;
    private AccessControl access;

    private void open(int cache) {
        store = LockStore.sqlite(dir.resolve("data"));
        access = AccessControl.builder().store(store).clock(clock).keyRing(FileKeyRing.open(dir.resolve("data/keys")))
                .cacheSize(cache).snapshotEvery(10).checkpointEvery(5).build();
    }

    /** A power cycle, and the next lock loads from the store (no cache). */
    private void restart() {
        close();
        open(0);
    }

    @BeforeEach
    void start() {
        open(1000);
        PruneModel.commission(new PruneModel.Driver(access, clock));
    }

    @AfterEach
    void close() {
        if (access != null) {
            access.close();
            access = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private EntryResult enter(String pin) {
        clock.advance(Duration.ofSeconds(1));
        return access.enter(LOCK, pin.toCharArray(), EntrySource.KEYPAD);
    }

    /** Prunes everything recorded so far (the cut is the last record). */
    private PruneResult pruneAll() {
        clock.advance(Duration.ofSeconds(1));
        PruneResult r = access.pruneTrail(LOCK, clock.instant());
        assertTrue(r.removed() > 0, r.toString());
        return r;
    }

    @Test
    void aLockoutIsKeptByTheAnchor_untilItEnds() {
        access.addCode(LOCK, NewCode.unrestricted(1, "resident"), "100001".toCharArray());
        for (int i = 0; i < 3; i++) {
            enter("9999");
        }
        LockState locked = access.state(LOCK);
        assertTrue(locked.lockout().isLockedOutAt(clock.instant()));
        pruneAll();
        restart();
        assertEquals(locked, access.state(LOCK));
        EntryResult r = enter("100001");
        assertEquals(DenialReason.LOCKED_OUT, r.reason(), "the lockout outlives the events that started it");
        clock.set(locked.lockout().lockedOutUntil());
        assertTrue(enter("100001").granted());
        // The escalation level is kept too: the next lockout is longer.
        for (int i = 0; i < 3; i++) {
            enter("9999");
        }
        assertEquals(Duration.ofSeconds(120), Duration.between(clock.instant(),
                access.state(LOCK).lockout().lockedOutUntil()), "the second lockout escalates");
    }

    @Test
    void theDailyBudgetIsKeptByTheAnchor_aDisabledKeypadStaysDisabled() {
        access.addCode(LOCK, NewCode.unrestricted(1, "resident"), "100001".toCharArray());
        // 8 wrong codes of the budget of 9, each lockout waited out.
        for (int i = 0; i < 8; i++) {
            enter("9999");
            if (i == 2) {
                clock.advance(Duration.ofSeconds(61));
            } else if (i == 5) {
                clock.advance(Duration.ofSeconds(121));
            }
        }
        assertEquals(8, access.state(LOCK).lockout().recentFailures().size());
        pruneAll();
        restart();
        assertFalse(access.state(LOCK).lockout().keypadDisabled());
        assertEquals(8, access.state(LOCK).lockout().recentFailures().size(), "the failures of the day are kept");
        EntryResult ninth = enter("9999");
        assertFalse(ninth.granted());
        assertTrue(access.state(LOCK).lockout().keypadDisabled(), "the ninth wrong code spends the budget the"
                + " pruned events had spent");
        pruneAll();
        restart();
        assertEquals(DenialReason.LOCKED_OUT, enter("100001").reason(), "a disabled keypad stays disabled");
    }

    @Test
    void oneTimeCodesAndUseCountsAreKeptByTheAnchor() throws Exception {
        access.addCode(LOCK, NewCode.of(1, UserType.DISPOSABLE, "courier", CodeRules.none()), "100001".toCharArray());
        access.addCode(LOCK, NewCode.of(2, UserType.UNRESTRICTED, "twice", CodeRules.none().withMaxUses(2)),
                "200002".toCharArray());
        OfflineIssuingKey key = access.exportOfflineIssuingKey(LOCK);
        IssuedOfflineCode offline = key.issuePlain(PruneModel.T0, PruneModel.T0.plus(Duration.ofHours(4)), true, 0);
        assertTrue(enter("100001").granted());
        assertTrue(enter("200002").granted());
        assertTrue(access.enter(LOCK, offline.pin(), EntrySource.KEYPAD).granted());
        pruneAll();
        restart();
        assertEquals(DenialReason.USE_LIMIT_REACHED, enter("100001").reason(), "a used one-time code stays used");
        assertTrue(enter("200002").granted(), "the second of two uses");
        assertEquals(DenialReason.USE_LIMIT_REACHED, enter("200002").reason());
        EntryResult again = access.enter(LOCK, offline.pin(), EntrySource.KEYPAD);
        assertEquals(DenialReason.USE_LIMIT_REACHED, again.reason(), "a used one-time offline code stays used");
        assertEquals(offline.codeId(), again.offlineCode().id());
    }

    @Test
    void schedulesAndWindowsGoOnAsBefore() {
        access.addCode(LOCK, NewCode.of(1, UserType.UNRESTRICTED, "cleaner",
                CodeRules.window(PruneModel.T0.plus(Duration.ofHours(1)), PruneModel.T0.plus(Duration.ofHours(2)))),
                "100001".toCharArray());
        access.addCode(LOCK, NewCode.of(2, UserType.EXPIRING, "guest", CodeRules.none()
                .withExpireAfterFirstUse(Duration.ofMinutes(30))), "200002".toCharArray());
        assertEquals(DenialReason.NOT_YET_VALID, enter("100001").reason());
        assertTrue(enter("200002").granted());
        pruneAll();
        restart();
        clock.set(PruneModel.T0.plus(Duration.ofMinutes(90)));
        assertTrue(enter("100001").granted(), "inside its window");
        assertEquals(DenialReason.EXPIRED, enter("200002").reason(), "expired 30 min after a first use the prune removed");
        clock.set(PruneModel.T0.plus(Duration.ofHours(2)));
        assertEquals(DenialReason.EXPIRED, enter("100001").reason());
    }

    @Test
    void nothingBeforeTheInstant_orOnlyTheAnchor_removesNothing() {
        PruneResult none = access.pruneTrail(LOCK, PruneModel.T0);
        assertEquals(0, none.removed());
        assertEquals(-1, none.anchorSequence());
        enter("9999");
        PruneResult first = pruneAll();
        PruneResult again = access.pruneTrail(LOCK, clock.instant());
        assertEquals(0, again.removed(), "the last record before the instant is the anchor");
        assertEquals(first.anchorSequence(), again.anchorSequence());
        assertEquals(first.anchoredAt(), again.anchoredAt());
        assertEquals(0, access.pruneTrail(LOCK, PruneModel.T0).removed());
        assertEquals(0, access.pruneTrail(dev.access.core.domain.LockId.of("unknown"), clock.instant()).removed());
    }

    @Test
    void theInMemoryStoreCannotPrune() {
        try (LockStore memory = LockStore.inMemory()) {
            AccessControl a = AccessControl.builder().store(memory).clock(clock).keyRing(InMemoryKeyRing.create()).build();
            try {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.pruneTrail(LOCK, clock.instant()));
                assertTrue(e.getMessage().contains("in-memory"), e.getMessage());
            } finally {
                a.close();
            }
        }
    }

    @Test
    void snapshotsBeforeTheCutAreDeleted_andEveryWayOfLoadingGivesTheSameState() throws Exception {
        access.addCode(LOCK, NewCode.unrestricted(1, "resident"), "100001".toCharArray());
        for (int i = 0; i < 30; i++) {
            enter(i % 4 == 0 ? "9999" : "100001");
        }
        assertEquals(1, count("SELECT count(*) FROM SnapshotEventEntry"), "a snapshot before the cut");
        PruneResult r = pruneAll();
        assertEquals(0, count("SELECT count(*) FROM SnapshotEventEntry"), "the snapshot before the cut is deleted");
        assertEquals(0, count("SELECT count(*) FROM DomainEventEntry WHERE sequenceNumber < " + r.anchorSequence()));
        assertEquals(1, count("SELECT count(*) FROM DomainEventEntry WHERE sequenceNumber = " + r.anchorSequence()
                + " AND payloadType = 'dev.access.core.trail.TrailAnchored'"));
        restart();
        for (int i = 0; i < 25; i++) {
            enter("100001");
        }
        LockState state = access.state(LOCK);
        assertEquals(1, count("SELECT count(*) FROM SnapshotEventEntry WHERE sequenceNumber > " + r.anchorSequence()),
                "a snapshot after the cut");
        restart();
        assertEquals(state, access.state(LOCK), "from the latest snapshot (after the cut)");
        close();
        // A snapshot of an older revision is ignored: the lock is rebuilt from the anchor.
        execute("UPDATE SnapshotEventEntry SET payloadRevision = NULL, payload = CAST('{}' AS BLOB)");
        open(0);
        assertEquals(state, access.state(LOCK), "from the anchor, the snapshot ignored");
        close();
        execute("DELETE FROM SnapshotEventEntry");
        open(0);
        assertEquals(state, access.state(LOCK), "from the anchor, no snapshot");
        LockState folded = access.events(LOCK).stream().reduce(LockHistory.of(access, LOCK).initialState(),
                LockDecider::evolve, (a, b) -> b);
        assertEquals(state.credentials().bySlot().keySet(), folded.credentials().bySlot().keySet());
        assertEquals(state.lockout(), folded.lockout(), "events() are the events after the anchor");
    }

    @Test
    void theAccessLogLosesTheRemovedAttempts_andRebuildsFromTheAnchor() throws Exception {
        access.addCode(LOCK, NewCode.unrestricted(1, "resident"), "100001".toCharArray());
        for (int i = 0; i < 6; i++) {
            enter(i % 2 == 0 ? "100001" : "9999");
        }
        assertTrue(access.awaitAccessLog(Duration.ofSeconds(30)));
        clock.advance(Duration.ofMillis(500));
        Instant cut = clock.instant();
        enter("100001");
        enter("100001");
        PruneResult r = access.pruneTrail(LOCK, cut);
        AccessLogView view = access.accessLog(LOCK);
        assertEquals(2, view.recentAttempts().size(), "only the attempts after the cut: " + view.recentAttempts());
        for (AttemptView a : view.recentAttempts()) {
            assertTrue(a.sequence() > r.anchorSequence());
        }
        access.rebuildAccessLog();
        assertTrue(access.awaitAccessLog(Duration.ofSeconds(30)));
        AccessLogView rebuilt = access.accessLog(LOCK);
        assertEquals(view.recentAttempts(), rebuilt.recentAttempts());
        assertEquals(view.codes(), rebuilt.codes());
        assertEquals(view.lastSequence(), rebuilt.lastSequence());
        restart();
        assertEquals(view.recentAttempts(), access.accessLog(LOCK).recentAttempts());
    }

    @Test
    void diagnosisReplayAndReportsStartFromTheAnchor() throws Exception {
        access.addCode(LOCK, NewCode.unrestricted(1, "resident"), "100001".toCharArray());
        access.addCode(LOCK, NewCode.unrestricted(2, "gardener"), "200002".toCharArray());
        enter("100001");
        PruneResult r = pruneAll();
        access.removeCode(LOCK, 2);
        enter("100001");
        enter("200002");

        // A code added before the cut is found by its PIN in the anchored state.
        CodeCheck check = access.checkCode(LOCK, "100001".toCharArray(), Diagnosis.Question.at(clock.instant()));
        List<Finding> found = Diagnosis.diagnose(LockHistory.of(access, LOCK), check.question());
        assertTrue(found.stream().anyMatch(f -> f.code() == Finding.Code.CODE_OK), found.toString());
        CodeCheck removed = access.checkCode(LOCK, "200002".toCharArray(), Diagnosis.Question.at(clock.instant()));
        List<Finding> gone = Diagnosis.diagnose(LockHistory.of(access, LOCK), removed.question());
        assertTrue(gone.stream().anyMatch(f -> f.code() == Finding.Code.REMOVED), "removed after the cut: " + gone);

        access.checkpoint(LOCK);
        java.io.StringWriter w = new java.io.StringWriter();
        // A whole export with the keys of the people it names (the anchor's state names the resident).
        dev.access.core.audit.TrailExport.write(access, LOCK, w, access.personalKeys(LOCK));
        String export = w.toString();
        LockHistory h = LockHistory.fromExport(new BufferedReader(new StringReader(export)), LOCK);
        assertEquals(r.anchorSequence(), h.anchor().sequence());
        List<Attempt> attempts = Replay.attempts(h);
        assertEquals("resident", attempts.get(0).user(), "names of codes added before the cut come from the anchor");
        assertEquals(access.state(LOCK).credentials().bySlot().keySet(),
                Replay.stateAt(h, clock.instant()).credentials().bySlot().keySet());
        IllegalArgumentException before = assertThrows(IllegalArgumentException.class,
                () -> Replay.at(h, PruneModel.T0));
        assertTrue(before.getMessage().contains("pruned"), before.getMessage());
        assertTrue(h.problems().isEmpty(), h.problems().toString());

        StringWriter html = new StringWriter();
        HtmlTimeline.write(h, html);
        assertTrue(html.toString().contains("retention anchor"), "the page says where the trail starts");
        StringWriter csv = new StringWriter();
        assertEquals(attempts.size(), AccessReport.writeCsv(attempts, csv));
        StringWriter bundle = new StringWriter();
        SupportBundle.write(h, clock.instant(), bundle);
        assertTrue(bundle.toString().contains("\"anchor\""), bundle.toString());
    }

    /**
     * Axon reads a stream in batches of 100 by sequence range and stops at an empty batch: a trail
     * that starts at an anchor hundreds of sequences up must still load (no snapshot, no cache) and
     * read whole. The kill harness found it; this is its plain form.
     */
    @Test
    void aTrailPrunedFarFromItsStart_loadsAndReadsFromTheAnchor() throws Exception {
        access.addCode(LOCK, NewCode.unrestricted(1, "resident"), "100001".toCharArray());
        for (int i = 0; i < 260; i++) {
            enter(i % 50 == 0 ? "9999" : "100001");
        }
        PruneResult r = pruneAll();
        assertTrue(r.anchorSequence() > 250, r.toString());
        for (int i = 0; i < 130; i++) {
            enter("100001");
        }
        LockState state = access.state(LOCK);
        close();
        execute("DELETE FROM SnapshotEventEntry");
        open(0);
        assertEquals(state, access.state(LOCK), "loaded from the anchor, 2 batches above sequence 0");
        assertEquals(130, access.events(LOCK).stream().filter(e -> e instanceof LockEvent.EntryGranted).count(),
                "every event after the anchor is read");
        String export = PruneModel.export(access);
        PruneModel.checkAnchoredExport(export, access.publicKey(LOCK), r.anchorSequence());
        assertTrue(enter("100001").granted());
    }

    @Test
    void eventsAfterThePruneComeBackInOrder() {
        enter("9999");
        PruneResult r = pruneAll();
        enter("9999");
        List<LockEvent> events = access.events(LOCK);
        assertEquals(1, events.size(), "one event after the anchor: " + events);
        long[] first = {-1};
        access.trail(LOCK, rec -> {
            if (first[0] < 0) {
                first[0] = rec.sequence();
            }
        });
        assertEquals(r.anchorSequence(), first[0], "the trail starts at the anchor");
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve(LockStore.SQLITE_FILE));
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve(LockStore.SQLITE_FILE));
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
